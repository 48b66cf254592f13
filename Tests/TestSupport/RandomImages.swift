import ImageIO
import LatentBasics

/// Random test bytes and images from the seeded generator, the same on every run.
extension SeededGenerator {
  /// A uniformly random byte.
  package mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }

  /// A `width × height` image of `channels` uniformly random bytes per pixel.
  package mutating func image(width: Int, height: Int, channels: Int) -> Image {
    Image(
      width: width, height: height, channels: channels,
      pixels: (0..<(width * height * channels)).map { _ in byte() })
  }
}

extension Image {
  /// A `width × height` image of uniformly random pixels (`channels` bytes each) drawn from
  /// `seed`.
  package static func noise(width: Int, height: Int, channels: Int = 3, seed: UInt64) -> Image {
    var generator = SeededGenerator(seed: seed)
    return generator.image(width: width, height: height, channels: channels)
  }
}
