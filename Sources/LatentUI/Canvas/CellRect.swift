/// A rectangle of cells, 0-based from the top-left of the screen.
package struct CellRect: Hashable, Sendable {
  package var column: Int
  package var row: Int
  package var columns: Int
  package var rows: Int

  /// The rectangle at `column`, `row` of `columns × rows` cells.
  package init(column: Int, row: Int, columns: Int, rows: Int) {
    self.column = column
    self.row = row
    self.columns = max(0, columns)
    self.rows = max(0, rows)
  }

  /// Whether the cell at `column`, `row` lies inside.
  package func contains(column c: Int, row r: Int) -> Bool {
    c >= column && c < column + columns && r >= row && r < row + rows
  }

  /// Whether the rectangle has no cells.
  package var isEmpty: Bool { columns == 0 || rows == 0 }
}
