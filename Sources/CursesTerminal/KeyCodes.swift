internal import CNcursesw

/// ncurses key codes and mouse masks as plain Swift values, so that the decoder can be tested
/// without a terminal.
package enum KeyCodes {
  package static let up = Int32(KEY_UP)
  package static let down = Int32(KEY_DOWN)
  package static let left = Int32(KEY_LEFT)
  package static let right = Int32(KEY_RIGHT)
  package static let shiftLeft = Int32(KEY_SLEFT)
  package static let shiftRight = Int32(KEY_SRIGHT)
  package static let pageUp = Int32(KEY_PPAGE)
  package static let pageDown = Int32(KEY_NPAGE)
  package static let home = Int32(KEY_HOME)
  package static let end = Int32(KEY_END)
  package static let enter = Int32(KEY_ENTER)
  package static let backspace = Int32(KEY_BACKSPACE)
  package static let resize = Int32(KEY_RESIZE)
  package static let mouse = Int32(KEY_MOUSE)

  package static let button1Pressed = UInt(CNCW_BUTTON1_PRESSED)
  package static let button1Released = UInt(CNCW_BUTTON1_RELEASED)
  package static let button1Clicked = UInt(CNCW_BUTTON1_CLICKED)
  package static let button4Pressed = UInt(CNCW_BUTTON4_PRESSED)
  package static let button5Pressed = UInt(CNCW_BUTTON5_PRESSED)
  package static let motion = UInt(CNCW_REPORT_MOUSE_POSITION)
}
