/// An image made ready for the terminal: either cells for the screen library to place, or
/// pixel-protocol bytes to write after its refresh (see ``GraphicsPlacement``).
package enum RenderedFace: Hashable, Sendable {
  /// Block or ASCII cells.
  case cells(CellGrid)
  /// Sixel or kitty bytes covering `columns × rows` cells from the placement position.
  case pixels(bytes: [UInt8], columns: Int, rows: Int)
}
