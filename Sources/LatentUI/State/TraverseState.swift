import FaceVAE
import ImageIO

/// Traverse mode: a grid of faces, rows the latent dimensions (most active first), columns σ
/// offsets. Every dimension has a row; the screen shows the rows from ``firstRow`` on and
/// scrolls them to keep the cursor in view.
package struct TraverseState: Hashable, Sendable {
  /// Offsets (σ) of the columns, from −3 to +3.
  package static let offsets: [Float] = [-3, -2, -1, 0, 1, 2, 3]
  /// The dimensions on the rows (all of them, most active first).
  package var dimensions: [Int] = []
  /// The code the grid is centred on.
  package var center: [Float] = []
  /// Cursor row (an index into ``dimensions``) and column (an index into ``offsets``).
  package var row = 0
  package var column = 3
  /// The first row shown on the screen.
  package var firstRow = 0
  /// Decoded faces of the rows from ``imagesFirstRow`` on, row by row (empty until decoded).
  package var images: [Image] = []
  /// The row of ``images``' first face (the rows shown when they were asked for).
  package var imagesFirstRow = 0
  /// The row of the first face of the newest grid request (``images``' once it arrives).
  package var requestedFirstRow = 0

  package init() {}

  /// The code of the cell at `row`, `column`.
  package func code(row: Int, column: Int) -> [Float] {
    var z = center
    let d = dimensions[row]
    if d < z.count { z[d] = Self.offsets[column] }
    return z
  }

  /// Every cell's code of `rows`, row by row.
  package func codes(rows: Range<Int>) -> LatentCodes {
    var codes = LatentCodes(dimensions: center.count)
    for r in rows where dimensions.indices.contains(r) {
      for column in Self.offsets.indices { codes.append(code(row: r, column: column)) }
    }
    return codes
  }

  /// The decoded face of the cell at `row`, `column`, if it is among ``images``.
  package func image(row: Int, column: Int) -> Image? {
    guard row >= imagesFirstRow else { return nil }
    let index = (row - imagesFirstRow) * Self.offsets.count + column
    return images.indices.contains(index) ? images[index] : nil
  }

  /// The rows ``images`` hold faces of.
  package var imageRows: Range<Int> {
    imagesFirstRow..<(imagesFirstRow + images.count / Self.offsets.count)
  }

  /// Scrolls so that the cursor row is among the `visibleRows` rows shown (no further than
  /// needed), and no blank rows follow the last dimension.
  package mutating func scrollToCursor(visibleRows: Int) {
    let shown = max(1, visibleRows)
    if row < firstRow { firstRow = row }
    if row >= firstRow + shown { firstRow = row - shown + 1 }
    firstRow = max(0, min(firstRow, dimensions.count - shown))
  }
}
