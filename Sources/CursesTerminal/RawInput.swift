/// One item from ncurses' input, before it means anything to the explorer.
package enum RawInput: Hashable, Sendable {
  /// A character (wide characters arrive whole).
  case character(UInt32)
  /// A function key code (`KEY_UP`, `KEY_RESIZE`, `KEY_MOUSE`, …).
  case keyCode(Int32)
  /// A mouse report: button state mask and 0-based cell position.
  case mouse(buttons: UInt, column: Int, row: Int)
}
