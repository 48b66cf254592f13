/// The whole screen as data: text cells plus the faces to draw over given rectangles.
///
/// Layout writes into it; tests read ``lines``; the terminal backend copies it to the
/// screen. Cells under an image are left blank.
package struct Canvas: Hashable, Sendable {
  package let columns: Int
  package let rows: Int
  /// `rows × columns` cells, row-major.
  package private(set) var cells: [CanvasCell]
  /// Faces, in drawing order.
  package var images: [CanvasImage] = []

  /// A blank canvas of `columns × rows` cells.
  package init(columns: Int, rows: Int) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    cells = Array(repeating: .blank, count: self.columns * self.rows)
  }

  /// The cell at `column`, `row` (blank outside the canvas).
  package subscript(column column: Int, row row: Int) -> CanvasCell {
    get {
      guard column >= 0, column < columns, row >= 0, row < rows else { return .blank }
      return cells[row * columns + column]
    }
    set {
      guard column >= 0, column < columns, row >= 0, row < rows else { return }
      cells[row * columns + column] = newValue
    }
  }

  /// Writes `text` from `column` on `row`, clipped at `limit` cells (and at the edge);
  /// returns the column after the last cell written.
  @discardableResult
  package mutating func put(
    _ text: String, column: Int, row: Int, style: TextStyle = .normal, limit: Int = .max
  ) -> Int {
    var c = column
    let end = min(
      columns, column.addingReportingOverflow(limit).overflow ? columns : column + limit)
    for scalar in text.unicodeScalars {
      guard c < end else { break }
      self[column: c, row: row] = CanvasCell(scalar, style)
      c += 1
    }
    return c
  }

  /// Sets the style of `count` cells from `column` on `row`, keeping their glyphs.
  package mutating func restyle(column: Int, row: Int, count: Int, style: TextStyle) {
    for c in column..<(column + max(0, count)) {
      var cell = self[column: c, row: row]
      cell.style = style
      self[column: c, row: row] = cell
    }
  }

  /// Draws a bar in the column left and the column right of `rect`, along its rows.
  package mutating func bracket(_ rect: CellRect, style: TextStyle) {
    for row in rect.row..<(rect.row + rect.rows) {
      put("▕", column: rect.column - 1, row: row, style: style)
      put("▏", column: rect.column + rect.columns, row: row, style: style)
    }
  }

  /// Each row as plain text (trailing spaces kept), for tests and logs.
  package var lines: [String] {
    (0..<rows).map { row in
      var line = String.UnicodeScalarView()
      for column in 0..<columns { line.append(cells[row * columns + column].glyph) }
      return String(line)
    }
  }

  /// All rows joined with newlines.
  package var text: String { lines.joined(separator: "\n") }
}
