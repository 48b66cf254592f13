/// A rectangle of cells, rows top to bottom, that a screen library can place anywhere.
package struct CellGrid: Hashable, Sendable {
  /// Cells per row.
  package let columns: Int
  /// Number of rows.
  package let rows: Int
  /// `rows × columns` cells, row-major.
  package var cells: [Cell]

  /// A grid filled with `fill`.
  package init(columns: Int, rows: Int, fill: Cell = .blank) {
    precondition(columns >= 0 && rows >= 0)
    self.columns = columns
    self.rows = rows
    self.cells = Array(repeating: fill, count: columns * rows)
  }

  /// The cell at `column`, `row`.
  package subscript(column: Int, row: Int) -> Cell {
    get { cells[row * columns + column] }
    set { cells[row * columns + column] = newValue }
  }
}
