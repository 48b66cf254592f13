import ImageIO

/// Draws an image with quadrant blocks: one cell shows 2×2 pixels in two colours, which
/// doubles the horizontal detail of half blocks at the same number of cells.
///
/// For each cell all 8 ways of splitting its four pixels into two groups are tried; each
/// group takes its mean colour, and the split with the least squared error wins.
package enum QuadrantBlitter {
  /// The glyph whose ink covers the quadrants in `mask` (bit 0 top left, 1 top right,
  /// 2 bottom left, 3 bottom right); mask 0 is a space.
  package static let glyphs: [Unicode.Scalar] = [
    " ", "\u{2598}", "\u{259D}", "\u{2580}", "\u{2596}", "\u{258C}", "\u{259E}", "\u{259B}",
    "\u{2597}", "\u{259A}", "\u{2590}", "\u{259C}", "\u{2584}", "\u{2599}", "\u{259F}", "\u{2588}",
  ]

  /// The cells that draw `image`, `⌈width / 2⌉` columns by `⌈height / 2⌉` rows (edge
  /// pixels are repeated when a dimension is odd).
  package static func cells(for image: Image, depth: CellColorDepth) -> CellGrid {
    let columns = (image.width + 1) / 2
    let rows = (image.height + 1) / 2
    var grid = CellGrid(columns: columns, rows: rows)
    guard image.width > 0, image.height > 0 else { return grid }
    for row in 0..<rows {
      for column in 0..<columns {
        let left = column * 2
        let right = min(left + 1, image.width - 1)
        let top = row * 2
        let bottom = min(top + 1, image.height - 1)
        let quadrant = [
          image.rgb(x: left, y: top), image.rgb(x: right, y: top),
          image.rgb(x: left, y: bottom), image.rgb(x: right, y: bottom),
        ]
        let split = bestSplit(of: quadrant)
        let ink = depth.color(
          red: split.ink.red, green: split.ink.green, blue: split.ink.blue, x: left, y: top)
        let paper = depth.color(
          red: split.paper.red, green: split.paper.green, blue: split.paper.blue,
          x: right, y: bottom)
        grid[column, row] =
          split.mask == 0 || ink == paper
          ? Cell(glyph: " ", foreground: paper, background: paper)
          : Cell(glyph: glyphs[split.mask], foreground: ink, background: paper)
      }
    }
    return grid
  }

  /// The two-colour split of four pixels with the least squared error. The bottom-right
  /// pixel is always paper (background), so the 8 masks 0–7 cover every partition.
  static func bestSplit(
    of pixels: [(red: Int, green: Int, blue: Int)]
  ) -> (mask: Int, ink: (red: Int, green: Int, blue: Int), paper: (red: Int, green: Int, blue: Int))
  {
    var best = (mask: 0, ink: pixels[3], paper: pixels[3])
    var bestError = Int.max
    for mask in 0..<8 {
      var inkSum = (0, 0, 0)
      var paperSum = (0, 0, 0)
      var inkCount = 0
      for index in 0..<4 {
        let pixel = pixels[index]
        if mask & (1 << index) != 0 {
          inkSum = (inkSum.0 + pixel.red, inkSum.1 + pixel.green, inkSum.2 + pixel.blue)
          inkCount += 1
        } else {
          paperSum = (paperSum.0 + pixel.red, paperSum.1 + pixel.green, paperSum.2 + pixel.blue)
        }
      }
      let paperCount = 4 - inkCount
      let paper = roundedMean(paperSum, count: paperCount)
      let ink = inkCount == 0 ? paper : roundedMean(inkSum, count: inkCount)
      var error = 0
      for index in 0..<4 {
        let pixel = pixels[index]
        let target = mask & (1 << index) != 0 ? ink : paper
        let dr = pixel.red - target.red
        let dg = pixel.green - target.green
        let db = pixel.blue - target.blue
        error += dr * dr + dg * dg + db * db
      }
      if error < bestError {
        bestError = error
        best = (mask, ink, paper)
      }
    }
    return best
  }

  /// The per-channel mean of `count` summed colours, rounded to the nearest integer.
  private static func roundedMean(
    _ sum: (Int, Int, Int), count: Int
  ) -> (red: Int, green: Int, blue: Int) {
    ((sum.0 + count / 2) / count, (sum.1 + count / 2) / count, (sum.2 + count / 2) / count)
  }
}
