/// One character cell: a glyph drawn in a foreground colour over a background colour.
package struct Cell: Hashable, Sendable {
  /// The character shown (a block element, a space, or an ASCII ramp character).
  package var glyph: Unicode.Scalar
  /// The colour of the glyph's ink.
  package var foreground: TerminalColor
  /// The colour behind the glyph.
  package var background: TerminalColor

  /// A cell showing `glyph` in `foreground` over `background`.
  package init(glyph: Unicode.Scalar, foreground: TerminalColor, background: TerminalColor) {
    self.glyph = glyph
    self.foreground = foreground
    self.background = background
  }

  /// A blank cell in the terminal's default colours.
  package static let blank = Cell(glyph: " ", foreground: .default, background: .default)
}
