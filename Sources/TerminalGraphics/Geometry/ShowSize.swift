/// The cells `latent show` draws an image in: the same in every graphics mode, so that half
/// blocks, quadrants, ASCII, sixel and kitty cover the same part of the screen.
package enum ShowSize {
  /// The terminal assumed when standard output is not one (a file or a pipe).
  package static let fallbackTerminal = (columns: 80, rows: 24)

  /// The viewport, in cells, for an `imageWidth × imageHeight` image; the renderer then draws
  /// the image as large as fits in it without distortion.
  ///
  /// - Parameters:
  ///   - columns: `--columns`: that many cells across, and rows enough for the image's shape.
  ///   - terminal: the terminal's size in cells (nil: ``fallbackTerminal``). Without
  ///     `columns` the viewport is the whole terminal less one row, for the prompt after.
  ///   - cell: one cell's size in pixels (shapes the rows for `columns`).
  package static func cells(
    imageWidth: Int, imageHeight: Int, columns: Int?, terminal: (columns: Int, rows: Int)?,
    cell: CellPixelSize
  ) -> (columns: Int, rows: Int) {
    if let columns {
      let rows = max(
        1, columns * imageHeight * cell.width / max(1, imageWidth * cell.height) + 1)
      return (columns, rows)
    }
    let size = terminal ?? fallbackTerminal
    return (max(1, size.columns), max(1, size.rows - 1))
  }
}
