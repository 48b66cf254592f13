import FaceVAE
import ImageIO

/// Traverse mode: a grid of faces, rows the most active dimensions, columns σ offsets.
package struct TraverseState: Hashable, Sendable {
  /// Offsets (σ) of the columns, from −3 to +3.
  package static let offsets: [Float] = [-3, -2, -1, 0, 1, 2, 3]
  /// The dimensions on the rows (most active first).
  package var dimensions: [Int] = []
  /// The code the grid is centred on.
  package var center: [Float] = []
  /// Cursor row and column.
  package var row = 0
  package var column = 3
  /// Decoded faces, row by row (empty until decoded).
  package var images: [Image] = []

  package init() {}

  /// The code of the cell at `row`, `column`.
  package func code(row: Int, column: Int) -> [Float] {
    var z = center
    let d = dimensions[row]
    if d < z.count { z[d] = Self.offsets[column] }
    return z
  }

  /// Every cell's code, row by row.
  package func codes() -> LatentCodes {
    var codes = LatentCodes(dimensions: center.count)
    for r in dimensions.indices {
      for column in Self.offsets.indices { codes.append(code(row: r, column: column)) }
    }
    return codes
  }
}
