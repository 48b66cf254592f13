import ImageIO
import LatentBasics
import TerminalGraphics

/// Images made in code for the tests.
enum TestImages {
  /// The 8-bit value a sixel decoder shows for a percentage (round half up).
  static func byte(ofPercent percent: Int) -> UInt8 { UInt8((percent * 255 + 50) / 100) }

  /// A `width × height` image of `colorCount` random colours that all lie on sixel's
  /// percent grid, in blocks, stripes and single-pixel noise.
  static func percentGridImage(width: Int, height: Int, colorCount: Int, seed: UInt64) -> Image {
    var generator = SeededGenerator(seed: seed)
    let palette = (0..<colorCount).map { _ in
      (0..<3).map { _ in byte(ofPercent: Int.random(in: 0...100, using: &generator)) }
    }
    var image = Image(width: width, height: height, fill: [0, 0, 0])
    for y in 0..<height {
      for x in 0..<width {
        let index: Int
        if x < width / 3 {
          index = (y / 5 * 7 + x / 4) % colorCount  // blocks: long runs
        } else if x < 2 * width / 3 {
          index = (y * 3) % colorCount  // horizontal stripes
        } else {
          index = Int.random(in: 0..<colorCount, using: &generator)  // noise
        }
        for channel in 0..<3 { image[x, y, channel] = palette[index][channel] }
      }
    }
    return image
  }
}
