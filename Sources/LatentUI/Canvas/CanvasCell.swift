/// One character cell of the canvas: a glyph and its style.
package struct CanvasCell: Hashable, Sendable {
  /// The character (one Unicode scalar of display width 1).
  package var glyph: Unicode.Scalar
  /// How it looks.
  package var style: TextStyle

  /// A cell showing `glyph` in `style`.
  package init(_ glyph: Unicode.Scalar, _ style: TextStyle = .normal) {
    self.glyph = glyph
    self.style = style
  }

  /// A space in the normal style.
  package static let blank = CanvasCell(" ")
}
