import ImageIO
import LatentBasics
import TestSupport
import Testing

@Suite("JPEG codec")
struct JPEGCodecTests {
  /// A smooth image, which JPEG keeps close to the original.
  static func gradient(width: Int, height: Int, channels: Int) -> Image {
    var image = Image(width: width, height: height, fill: [UInt8](repeating: 0, count: channels))
    for y in 0..<height {
      for x in 0..<width {
        for c in 0..<channels { image[x, y, c] = UInt8((x * 4 + y * 2 + c * 40) % 256) }
      }
    }
    return image
  }

  @Test("a JPEG file reads back near the pixels written", arguments: [1, 3])
  func nearRoundTrip(channels: Int) throws {
    let folder = try TemporaryFolder()
    let image = Self.gradient(width: 40, height: 24, channels: channels)
    let path = folder.file("face.jpg")
    try image.writeJPEG(to: path, quality: 100)
    let read = try Image.read(path: path)
    #expect(read.width == 40 && read.height == 24 && read.channels == channels)
    let largest = zip(read.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
    #expect(largest <= 4)
  }

  @Test("a truncated JPEG is an error")
  func truncated() throws {
    let bytes = try Self.gradient(width: 64, height: 64, channels: 3).encodeJPEG(quality: 90)
    let cut = Array(bytes.prefix(bytes.count / 2))
    #expect(throws: LatentError.self) { try Image.decodeJPEG(cut, path: "cut.jpg") }
  }
}
