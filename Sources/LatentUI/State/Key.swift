/// A key the explorer reacts to, already decoded from the terminal's bytes.
package enum Key: Hashable, Sendable {
  /// A printable character (letters, digits, punctuation, space).
  case character(Character)
  case up, down, left, right
  /// Shift+← and Shift+→ (coarse steps).
  case shiftLeft, shiftRight
  case pageUp, pageDown, home, end
  case enter, escape, backspace, tab
  /// Ctrl-C when the terminal passes it as a key.
  case interrupt
}
