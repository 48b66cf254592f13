/// The size of one character cell in pixels.
package struct CellPixelSize: Hashable, Sendable {
  /// Pixels across one cell.
  package var width: Int
  /// Pixels down one cell.
  package var height: Int

  /// A cell of `width × height` pixels.
  package init(width: Int, height: Int) {
    precondition(width > 0 && height > 0)
    self.width = width
    self.height = height
  }

  /// The size assumed when the terminal tells nothing: 10×20.
  package static let fallback = CellPixelSize(width: 10, height: 20)

  /// The cell size from a window's size in cells and pixels (as TIOCGWINSZ reports it),
  /// or nil when the pixel size is unknown (zero).
  package init?(columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int) {
    guard columns > 0, rows > 0, pixelWidth >= columns, pixelHeight >= rows else { return nil }
    self.init(width: pixelWidth / columns, height: pixelHeight / rows)
  }
}
