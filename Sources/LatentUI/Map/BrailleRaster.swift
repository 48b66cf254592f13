/// Dots on a grid of braille cells: each cell is 2 dots across and 4 down, drawn as the
/// character U+2800 plus the bits of its raised dots.
package struct BrailleRaster: Hashable, Sendable {
  package let columns: Int
  package let rows: Int
  /// One byte of raised dots per cell, row-major.
  package private(set) var bits: [UInt8]

  /// An empty raster of `columns × rows` cells (`2·columns × 4·rows` dots).
  package init(columns: Int, rows: Int) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    bits = Array(repeating: 0, count: self.columns * self.rows)
  }

  /// The bit of the dot at `x` (0…1) and `y` (0…3) within a cell, as Unicode numbers braille
  /// dots: 1 2 3 7 down the left column, 4 5 6 8 down the right.
  package static func bit(x: Int, y: Int) -> UInt8 {
    let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
    let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
    return x == 0 ? left[y] : right[y]
  }

  /// Raises the dot at `x`, `y` (in dots from the top left); dots outside are ignored.
  package mutating func raise(x: Int, y: Int) {
    guard x >= 0, y >= 0, x < 2 * columns, y < 4 * rows else { return }
    bits[(y / 4) * columns + x / 2] |= Self.bit(x: x % 2, y: y % 4)
  }

  /// The raised dots of the cell at `column`, `row`.
  package func cellBits(column: Int, row: Int) -> UInt8 {
    guard column >= 0, row >= 0, column < columns, row < rows else { return 0 }
    return bits[row * columns + column]
  }

  /// The braille character of the cell at `column`, `row` (U+2800, blank, when no dot).
  package func glyph(column: Int, row: Int) -> Unicode.Scalar {
    Unicode.Scalar(0x2800 + UInt32(cellBits(column: column, row: row)))!
  }
}
