import ImageIO
import LatentBasics

/// Small gray and RGB images with smooth and noisy parts, for the image targets' seeds.
func seedImages() -> [String: Image] {
  var generator = SeededGenerator(seed: 16)
  func image(width: Int, height: Int, channels: Int) -> Image {
    var pixels: [UInt8] = []
    for y in 0..<height {
      for x in 0..<width {
        for c in 0..<channels {
          let smooth = (x * 255 / max(width - 1, 1) + y * 16 + c * 85) & 0xFF
          pixels.append(
            x < width / 2 ? UInt8(smooth) : UInt8.random(in: 0...255, using: &generator))
        }
      }
    }
    return Image(width: width, height: height, channels: channels, pixels: pixels)
  }
  return [
    "gray-1x1": image(width: 1, height: 1, channels: 1),
    "gray-16x9": image(width: 16, height: 9, channels: 1),
    "rgb-5x3": image(width: 5, height: 3, channels: 3),
    "rgb-17x16": image(width: 17, height: 16, channels: 3),
  ]
}
