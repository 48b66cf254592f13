import ImageIO

/// Draws an image with plain ASCII characters for terminals without colour: each cell
/// covers 1×2 pixels and shows a character whose ink matches their luminance.
package enum ASCIIBlitter {
  /// Characters from no ink to most ink.
  package static let ramp: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

  /// The cells that draw `image` on a dark background (bright pixels get dense
  /// characters), in the terminal's default colours. The image's luminance range (its 2nd to
  /// 98th percentile over the cells) is stretched to the whole ramp, so a low-contrast face
  /// still shows its features; a nearly flat image (a range under 8) is drawn unstretched.
  package static func cells(for image: Image) -> CellGrid {
    let rows = (image.height + 1) / 2
    var grid = CellGrid(columns: image.width, rows: rows)
    var luminances = [Int](repeating: 0, count: image.width * rows)
    var histogram = [Int](repeating: 0, count: 256)
    for row in 0..<rows {
      for column in 0..<image.width {
        let top = image.rgb(x: column, y: row * 2)
        let bottom = image.rgb(x: column, y: min(row * 2 + 1, image.height - 1))
        let luminance = (Self.luminance(top) + Self.luminance(bottom)) / 2
        luminances[row * image.width + column] = luminance
        histogram[luminance] += 1
      }
    }
    var (low, high) = percentiles(histogram, count: luminances.count)
    if high - low < 8 { (low, high) = (0, 255) }
    for (cell, luminance) in luminances.enumerated() {
      let step = min(max(0, (luminance - low) * ramp.count / (high - low + 1)), ramp.count - 1)
      grid.cells[cell] = Cell(glyph: ramp[step], foreground: .default, background: .default)
    }
    return grid
  }

  /// The luminances at the 2nd and 98th percentile of `count` values counted in `histogram`.
  private static func percentiles(_ histogram: [Int], count: Int) -> (low: Int, high: Int) {
    let cut = count / 50
    var seen = 0
    var low = 0
    while low < 255, seen + histogram[low] <= cut {
      seen += histogram[low]
      low += 1
    }
    seen = 0
    var high = 255
    while high > low, seen + histogram[high] <= cut {
      seen += histogram[high]
      high -= 1
    }
    return (low, high)
  }

  /// Rec. 601 luma of an 8-bit colour, 0–255.
  static func luminance(_ pixel: (red: Int, green: Int, blue: Int)) -> Int {
    (299 * pixel.red + 587 * pixel.green + 114 * pixel.blue) / 1000
  }
}
