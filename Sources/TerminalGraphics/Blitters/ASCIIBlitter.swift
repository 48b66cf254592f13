import ImageIO

/// Draws an image with plain ASCII characters for terminals without colour: each cell
/// covers 1×2 pixels and shows a character whose ink matches their luminance.
package enum ASCIIBlitter {
  /// Characters from no ink to most ink.
  package static let ramp: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

  /// The cells that draw `image` on a dark background (bright pixels get dense
  /// characters), in the terminal's default colours.
  package static func cells(for image: Image) -> CellGrid {
    let rows = (image.height + 1) / 2
    var grid = CellGrid(columns: image.width, rows: rows)
    for row in 0..<rows {
      for column in 0..<image.width {
        let top = image.rgb(x: column, y: row * 2)
        let bottom = image.rgb(x: column, y: min(row * 2 + 1, image.height - 1))
        let luminance = (Self.luminance(top) + Self.luminance(bottom)) / 2
        let step = min(luminance * ramp.count / 256, ramp.count - 1)
        grid[column, row] = Cell(glyph: ramp[step], foreground: .default, background: .default)
      }
    }
    return grid
  }

  /// Rec. 601 luma of an 8-bit colour, 0–255.
  static func luminance(_ pixel: (red: Int, green: Int, blue: Int)) -> Int {
    (299 * pixel.red + 587 * pixel.green + 114 * pixel.blue) / 1000
  }
}
