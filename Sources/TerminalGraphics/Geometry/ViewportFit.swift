/// Sizes an image to fill a viewport of cells while keeping its shape on screen.
package enum ViewportFit {
  /// The largest size, in the blitter's sub-pixels, at which an image of
  /// `imageWidth × imageHeight` square pixels fits `columns × rows` cells without being
  /// stretched, given the terminal's real cell size.
  ///
  /// - Parameters:
  ///   - subpixelsPerCell: how many image pixels one cell shows: (1, 2) for half blocks,
  ///     (2, 2) for quadrants, the cell's pixel size for sixel and kitty.
  /// - Returns: the width and height to scale the image to (at least 1×1).
  package static func scaledSize(
    imageWidth: Int, imageHeight: Int, columns: Int, rows: Int, cell: CellPixelSize,
    subpixelsPerCell: (x: Int, y: Int)
  ) -> (width: Int, height: Int) {
    precondition(imageWidth > 0 && imageHeight > 0 && columns > 0 && rows > 0)
    // Physical size of the viewport and of one sub-pixel, in screen pixels.
    let viewportWidth = Double(columns * cell.width)
    let viewportHeight = Double(rows * cell.height)
    let subpixelWidth = Double(cell.width) / Double(subpixelsPerCell.x)
    let subpixelHeight = Double(cell.height) / Double(subpixelsPerCell.y)
    let scale = min(viewportWidth / Double(imageWidth), viewportHeight / Double(imageHeight))
    let width = Int((Double(imageWidth) * scale / subpixelWidth).rounded(.down))
    let height = Int((Double(imageHeight) * scale / subpixelHeight).rounded(.down))
    return (
      min(max(width, 1), columns * subpixelsPerCell.x),
      min(max(height, 1), rows * subpixelsPerCell.y)
    )
  }
}
