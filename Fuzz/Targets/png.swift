import ImageIO
import LatentBasics

/// PNG files through `Image.decodePNG`, the reader behind `Image.read`: every colour type and
/// depth libpng takes, transparency composited, the pixel limit. Before decoding, each chunk's
/// CRC is set to match its bytes, so that mutations reach the decoder instead of the CRC check.
/// A decoded image must survive our writer: written as PNG and read again, it is the same.
enum FuzzTarget {
  /// Smaller than `ImageLimits.standard` (64 megapixels), so that a tiny file declaring a huge
  /// image costs milliseconds, not seconds; the same code checks either limit.
  static let limits = ImageLimits(maximumPixels: 1 << 20, maximumFileBytes: 1 << 24)

  static func run(_ bytes: [UInt8]) {
    guard
      let image = try? Image.decodePNG(withChunkCRCsSet(bytes), path: "fuzz.png", limits: limits)
    else { return }
    do {
      let again = try Image.decodePNG(image.encodePNG(), path: "written.png", limits: limits)
      guard again == image else { fatalError("a decoded PNG written and read again differs") }
    } catch {
      fatalError("a decoded PNG written by encodePNG does not read back: \(error)")
    }
  }

  /// `bytes` with the CRC of every complete chunk after the signature recomputed.
  static func withChunkCRCsSet(_ bytes: [UInt8]) -> [UInt8] {
    var fixed = bytes
    var start = 8
    while start + 12 <= fixed.count {
      let length = fixed[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
      let end = start + 8 + length
      guard length <= 0x7FFF_FFFF, end + 4 <= fixed.count else { break }
      var crc = crc32(fixed[start + 4..<end])
      for index in (end..<end + 4).reversed() {
        fixed[index] = UInt8(truncatingIfNeeded: crc)
        crc >>= 8
      }
      start = end + 4
    }
    return fixed
  }

  /// The CRC-32 of PNG chunks (ISO 3309, reflected, polynomial 0xEDB88320).
  static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  static func writeSeeds(into folder: String) throws(LatentError) {
    for (name, image) in seedImages() {
      try writeSeed(image.encodePNG(), named: name + ".png", into: folder)
    }
  }
}
