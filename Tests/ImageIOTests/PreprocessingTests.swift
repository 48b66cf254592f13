import ImageIO
import LatentBasics
import TestSupport
import Testing

/// Expected values here are worked out by hand from the definitions (area averaging, bilinear
/// with pixel centres, centre crop), not taken from the code's output.
@Suite("Preprocessing and resampling")
struct PreprocessingTests {
  static func gray(_ rows: [[Int]]) -> Image {
    Image(
      width: rows[0].count, height: rows.count, channels: 1,
      pixels: rows.flatMap { $0.map { UInt8($0) } })
  }

  static func expectClose(_ values: [Float], _ expected: [Float], tolerance: Float = 1e-5) {
    #expect(values.count == expected.count)
    for (value, wanted) in zip(values, expected) {
      #expect(abs(value - wanted) <= tolerance, "\(values) vs \(expected)")
    }
  }

  @Test("4×4 to 2×2 averages each 2×2 block")
  func areaHalving() {
    let image = Self.gray([
      [0, 10, 20, 30], [40, 50, 60, 70], [80, 90, 100, 110], [120, 130, 140, 150],
    ])
    let values = Preprocessing(size: 2, channels: 1)(image)
    // (0+10+40+50)/4 = 25, (20+30+60+70)/4 = 45, (80+90+120+130)/4 = 105, (100+110+140+150)/4 = 125.
    Self.expectClose(values, [25, 45, 105, 125].map { $0 / 255 })
    #expect(image.resized(width: 2, height: 2).pixels == [25, 45, 105, 125])
  }

  @Test("3 to 2 pixels weights the shared pixel by its covered half")
  func areaFractional() {
    let image = Self.gray([[0, 90, 180]])
    // Output 0 covers source [0, 1.5): (0 + 0.5 × 90) / 1.5 = 30; output 1: (0.5 × 90 + 180) / 1.5 = 150.
    #expect(image.resized(width: 2, height: 1).pixels == [30, 150])
  }

  @Test("growing is bilinear between pixel centres, clamped at the edges")
  func bilinearGrowing() {
    let image = Self.gray([[0, 100]])
    // Output centres map to source -0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1.
    let values = Preprocessing(width: 4, height: 1, channels: 1, fit: .stretch)(image)
    Self.expectClose(values, [0, 25, 75, 100].map { $0 / 255 })
  }

  @Test("cover without scaling crops the centre")
  func centreCrop() {
    let image = Self.gray([[10, 20, 30, 40], [50, 60, 70, 80]])
    let values = Preprocessing(size: 2, channels: 1)(image)
    Self.expectClose(values, [20, 30, 60, 70].map { $0 / 255 })
  }

  @Test("shorter side to size, then centre crop")
  func resizeThenCrop() {
    // 8 × 4 with value x + 8y; shorter side 4 → 2 gives 4 × 2, crop keeps columns 1 and 2,
    // which average source columns {2, 3} and {4, 5} over rows {0, 1}.
    let rows = (0..<4).map { y in (0..<8).map { x in x + 8 * y } }
    let values = Preprocessing(size: 2, channels: 1)(Self.gray(rows))
    let expected: [Float] = [
      Float(2 + 3 + 10 + 11) / 4, Float(4 + 5 + 12 + 13) / 4,
      Float(18 + 19 + 26 + 27) / 4, Float(20 + 21 + 28 + 29) / 4,
    ]
    Self.expectClose(values, expected.map { $0 / 255 })
  }

  @Test("a tall image keeps its vertical centre")
  func tallImage() {
    let scaled = Preprocessing(size: 64, channels: 1).scaledSize(sourceWidth: 92, sourceHeight: 112)
    // 112 × 64 / 92 = 77.9 → 78.
    #expect(scaled.width == 64 && scaled.height == 78)
  }

  @Test("stretch at the image's own size is the identity")
  func identity() {
    var random = SeededGenerator(seed: 5)
    let image = random.image(width: 20, height: 28, channels: 1)
    let values = Preprocessing(width: 20, height: 28, channels: 1, fit: .stretch)(image)
    #expect(values == image.pixels.map { Float($0) / 255 })
  }

  @Test("gray to RGB repeats, RGB to gray takes BT.601 luma")
  func channelConversion() {
    let gray = Self.gray([[51, 204]])
    let rgb = Preprocessing(width: 2, height: 1, channels: 3, fit: .stretch)(gray)
    Self.expectClose(rgb, [0.2, 0.8, 0.2, 0.8, 0.2, 0.8])
    let colour = Image(width: 3, height: 1, channels: 3, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255])
    let luma = Preprocessing(width: 3, height: 1, channels: 1, fit: .stretch)(colour)
    Self.expectClose(luma, [0.299, 0.587, 0.114])
    #expect(colour.converted(toChannels: 1).pixels == [76, 150, 29])
  }

  @Test("planar values are channel planes of value / 255")
  func planarLayout() {
    let image = Image(width: 2, height: 1, channels: 3, pixels: [1, 2, 3, 4, 5, 6])
    #expect(image.planarValues() == [1, 4, 2, 5, 3, 6].map { Float($0) / 255 })
  }

  @Test("planar to image rounds to nearest and clamps")
  func planarToImage() {
    let values: [Float] = [-0.2, 0.4 / 255, 0.6 / 255, 0.5, 1, 1.7, .nan, 100.5 / 255]
    let image = Image(planar: values, channels: 1, height: 2, width: 4)
    // 0.5 × 255 = 127.5 rounds half away from zero to 128.
    #expect(image.pixels == [0, 0, 1, 128, 255, 255, 0, 101])
  }

  @Test("image → planar → image is exact", arguments: [1, 3])
  func planarRoundTrip(channels: Int) {
    var random = SeededGenerator(seed: 11)
    let image = random.image(width: 9, height: 7, channels: channels)
    #expect(Image(planar: image.planarValues(), channels: channels, height: 7, width: 9) == image)
  }

  @Test("nearest-neighbour upscaling repeats each pixel in a k × k block")
  func upscale() {
    let image = Self.gray([[1, 2], [3, 4]])
    let big = image.upscaled(by: 3)
    #expect(big.width == 6 && big.height == 6)
    for y in 0..<6 {
      for x in 0..<6 { #expect(big[x, y, 0] == UInt8(1 + x / 3 + 2 * (y / 3))) }
    }
  }

  @Test("horizontal flip mirrors each row")
  func flip() {
    let image = Image(width: 3, height: 1, channels: 3, pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    #expect(image.flippedHorizontally().pixels == [7, 8, 9, 4, 5, 6, 1, 2, 3])
  }
}
