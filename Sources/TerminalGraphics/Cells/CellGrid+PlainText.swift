extension CellGrid {
  /// The glyphs alone, one line per row, for terminals that understand no escape codes.
  package func plainText() -> String {
    var text = ""
    text.unicodeScalars.reserveCapacity(cells.count + rows)
    for row in 0..<rows {
      for column in 0..<columns { text.unicodeScalars.append(cells[row * columns + column].glyph) }
      text.unicodeScalars.append("\n")
    }
    return text
  }
}
