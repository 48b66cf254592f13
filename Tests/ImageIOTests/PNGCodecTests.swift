import Foundation
import ImageIO
import LatentBasics
import TestSupport
import Testing

@Suite("PNG codec")
struct PNGCodecTests {
  @Test("write then read gives the same pixels", arguments: [1, 3])
  func roundTrip(channels: Int) throws {
    let folder = try TemporaryFolder()
    var random = SeededGenerator(seed: UInt64(channels))
    let image = random.image(width: 37, height: 23, channels: channels)
    let path = folder.file("round.png")
    try image.writePNG(to: path)
    #expect(try Image.readPNG(path: path) == image)
    #expect(try Image.read(path: path) == image)
    // The atomic write leaves no temporary file behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["round.png"])
  }

  @Test("writing over an existing file replaces it whole")
  func overwrite() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("face.png")
    try Image(width: 5, height: 5, fill: [9]).writePNG(to: path)
    let second = Image(width: 2, height: 3, fill: [1, 2, 3])
    try second.writePNG(to: path)
    #expect(try Image.readPNG(path: path) == second)
  }

  @Test("writing into a missing folder names the file")
  func writeIntoMissingFolder() throws {
    let path = "/nonexistent-latent-folder/out.png"
    #expect(throws: LatentError.self) {
      try Image(width: 1, height: 1, fill: [0]).writePNG(to: path)
    }
    do {
      try Image(width: 1, height: 1, fill: [0]).writePNG(to: path)
    } catch {
      #expect(error.path == path)
    }
  }

  @Test("16-bit gray is scaled to 8 bits")
  func sixteenBitGray() throws {
    // 16-bit value v maps to round(v / 257): 0x8080 = 128 × 257, 0x1234 = 4660 → 18.13 → 18.
    let builder = PNGBuilder(
      width: 4, height: 1, bitDepth: 16, colorType: .gray, samples: [0, 0xFFFF, 0x8080, 0x1234])
    let image = try Image.decodePNG(builder.bytes(), path: "gray16.png")
    #expect(image.channels == 1)
    #expect(image.pixels == [0, 255, 128, 18])
  }

  @Test("16-bit RGB is scaled to 8 bits")
  func sixteenBitRGB() throws {
    let builder = PNGBuilder(
      width: 2, height: 1, bitDepth: 16, colorType: .rgb,
      samples: [0xFFFF, 0, 0x8080, 0x0101 * 7, 0x0101 * 200, 0x0101 * 33])
    let image = try Image.decodePNG(builder.bytes(), path: "rgb16.png")
    #expect(image.channels == 3)
    #expect(image.pixels == [255, 0, 128, 7, 200, 33])
  }

  @Test("gray+alpha is composited over the stated background")
  func grayAlpha() throws {
    // Pixels (value, alpha): opaque 200, transparent 200, half-covered 100 (alpha 128).
    let builder = PNGBuilder(
      width: 3, height: 1, colorType: .grayAlpha, samples: [200, 255, 200, 0, 100, 128])
    let overWhite = try Image.decodePNG(builder.bytes(), path: "ga.png", background: .white)
    // (100 × 128 + 255 × 127) / 255 = 45185 / 255 = 177.2 → 177; over black 100 × 128 / 255 = 50.2 → 50.
    #expect(overWhite.pixels == [200, 255, 177])
    let overBlack = try Image.decodePNG(builder.bytes(), path: "ga.png", background: .black)
    #expect(overBlack.pixels == [200, 0, 50])
  }

  @Test("RGBA is composited over the stated background")
  func rgba() throws {
    let builder = PNGBuilder(
      width: 2, height: 1, colorType: .rgba, samples: [10, 20, 30, 255, 255, 0, 0, 0])
    let background = RGBColor(red: 0, green: 100, blue: 200)
    let image = try Image.decodePNG(builder.bytes(), path: "rgba.png", background: background)
    #expect(image.channels == 3)
    #expect(image.pixels == [10, 20, 30, 0, 100, 200])
  }

  @Test("palette images are expanded, with tRNS transparency composited")
  func palette() throws {
    let builder = PNGBuilder(
      width: 3, height: 2, colorType: .palette, samples: [0, 1, 2, 2, 1, 0],
      palette: [(255, 0, 0), (0, 255, 0), (1, 2, 3)], transparency: [255, 255, 0])
    let image = try Image.decodePNG(builder.bytes(), path: "palette.png", background: .white)
    #expect(image.channels == 3)
    let red: [UInt8] = [255, 0, 0]
    let green: [UInt8] = [0, 255, 0]
    let clear: [UInt8] = [255, 255, 255]
    #expect(image.pixels == red + green + clear + clear + green + red)
  }

  @Test("8-bit gray from a foreign writer decodes exactly")
  func foreignGray() throws {
    let samples = Array(0..<12)
    let builder = PNGBuilder(
      width: 4, height: 3, colorType: .gray, samples: samples.map { $0 * 20 })
    let image = try Image.decodePNG(builder.bytes(), path: "g.png")
    #expect(image.width == 4 && image.height == 3)
    #expect(image.pixels == samples.map { UInt8($0 * 20) })
  }
}
