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
        let split = bestSplit(
          of: (
            image.rgb(x: left, y: top), image.rgb(x: right, y: top),
            image.rgb(x: left, y: bottom), image.rgb(x: right, y: bottom)
          ))
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

  /// An RGB colour with integer channels.
  typealias RGB = (red: Int, green: Int, blue: Int)

  /// The two-colour split of four pixels (top left, top right, bottom left, bottom right)
  /// with the least squared error. The bottom-right pixel is always paper (background), so
  /// the 8 masks 0–7 cover every partition.
  static func bestSplit(of quadrants: (RGB, RGB, RGB, RGB)) -> (mask: Int, ink: RGB, paper: RGB) {
    let reds = SIMD4(quadrants.0.red, quadrants.1.red, quadrants.2.red, quadrants.3.red)
    let greens = SIMD4(quadrants.0.green, quadrants.1.green, quadrants.2.green, quadrants.3.green)
    let blues = SIMD4(quadrants.0.blue, quadrants.1.blue, quadrants.2.blue, quadrants.3.blue)
    var best = (mask: 0, ink: quadrants.3, paper: quadrants.3)
    var bestError = Int.max
    for mask in 0..<8 {
      let isInk = SIMD4(mask & 1, (mask >> 1) & 1, (mask >> 2) & 1, 0) .!= SIMD4(repeating: 0)
      let zero = SIMD4<Int>(repeating: 0)
      let inkCount = (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1)
      let paperCount = 4 - inkCount
      let paper = roundedMean(
        (
          zero.replacing(with: reds, where: .!isInk).wrappedSum(),
          zero.replacing(with: greens, where: .!isInk).wrappedSum(),
          zero.replacing(with: blues, where: .!isInk).wrappedSum()
        ), count: paperCount)
      let ink =
        inkCount == 0
        ? paper
        : roundedMean(
          (
            zero.replacing(with: reds, where: isInk).wrappedSum(),
            zero.replacing(with: greens, where: isInk).wrappedSum(),
            zero.replacing(with: blues, where: isInk).wrappedSum()
          ), count: inkCount)
      let targetReds = SIMD4(repeating: paper.red).replacing(with: ink.red, where: isInk)
      let targetGreens = SIMD4(repeating: paper.green).replacing(with: ink.green, where: isInk)
      let targetBlues = SIMD4(repeating: paper.blue).replacing(with: ink.blue, where: isInk)
      let dr = reds &- targetReds
      let dg = greens &- targetGreens
      let db = blues &- targetBlues
      let error = (dr &* dr &+ dg &* dg &+ db &* db).wrappedSum()
      if error < bestError {
        bestError = error
        best = (mask, ink, paper)
      }
    }
    return best
  }

  /// The per-channel mean of `count` summed colours, rounded to the nearest integer.
  @inline(__always)
  private static func roundedMean(
    _ sum: (Int, Int, Int), count: Int
  ) -> (red: Int, green: Int, blue: Int) {
    (
      divide(sum.0 + count / 2, by: count), divide(sum.1 + count / 2, by: count),
      divide(sum.2 + count / 2, by: count)
    )
  }

  /// `value / count` for a count of 1–4 and a value below 65536, without a division
  /// instruction (this runs 48 times per cell).
  @inline(__always)
  private static func divide(_ value: Int, by count: Int) -> Int {
    switch count {
    case 1: return value
    case 2: return value >> 1
    case 3: return (value &* 43691) >> 17
    default: return value >> 2
    }
  }
}
