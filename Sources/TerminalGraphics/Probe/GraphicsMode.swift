/// How faces are drawn: by asking the terminal (`auto`) or as the user insists.
package enum GraphicsMode: String, CaseIterable, Hashable, Sendable {
  /// Ask the terminal and pick the best it can show.
  case auto
  /// Kitty graphics protocol (real pixels).
  case kitty
  /// Sixel (real pixels, at most 256 colours per image).
  case sixel
  /// Half blocks in 24-bit colour.
  case truecolor
  /// Quadrant blocks in 24-bit colour: 2×2 pixels a cell, in two colours.
  case quadrant
  /// Half blocks in the xterm 256-colour palette.
  case palette256 = "256"
  /// ASCII characters, no colour.
  case ascii

  /// Whether the mode draws real pixels (and so bypasses the cell grid).
  package var drawsPixels: Bool { self == .kitty || self == .sixel }
}
