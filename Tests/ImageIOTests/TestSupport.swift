import Foundation
import ImageIO
import LatentBasics

/// A fresh temporary folder for one test; removed when the value is released.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "latent-imageio-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func file(_ name: String) -> String { path + "/" + name }

  func write(_ bytes: [UInt8], to name: String) throws -> String {
    let target = file(name)
    try Data(bytes).write(to: URL(fileURLWithPath: target))
    return target
  }
}

/// Random test bytes and images from the seeded generator, the same on every run.
extension SeededGenerator {
  mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }

  mutating func image(width: Int, height: Int, channels: Int) -> Image {
    Image(
      width: width, height: height, channels: channels,
      pixels: (0..<(width * height * channels)).map { _ in byte() })
  }
}
