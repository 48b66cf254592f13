import ImageIO
import LatentBasics
import Testing

/// PNGs decode to the values stored in the file, as PIL, torchvision and OpenCV read them:
/// gamma and colour-profile chunks are ignored, 16-bit samples become `round(v / 257)`, low bit
/// depths are scaled to 0…255, and transparency is composited over the background in stored
/// values. Every expected value is computed here from the samples written into the file.
@Suite("PNG stored values")
struct PNGStoredValuesTests {
  /// A 16-bit sample as 8 bits: `round(v / 257)` (v / 257 is never halfway between integers).
  static func eightBits(_ value: Int) -> UInt8 { UInt8((Double(value) / 257).rounded()) }

  /// `alpha · value + (1 − alpha) · background` with alpha in 0…255 read as 0…1, rounded.
  static func composite(_ value: UInt8, alpha: UInt8, over background: UInt8) -> UInt8 {
    let coverage = Double(alpha) / 255
    return UInt8((coverage * Double(value) + (1 - coverage) * Double(background)).rounded())
  }

  /// Where `actual` first differs from `expected` ("value 17 is 3, not 4"), or nil when they are
  /// equal; for arrays too long to print whole in a failure.
  static func difference(_ actual: [UInt8], _ expected: [UInt8]) -> String? {
    if actual.count != expected.count { return "\(actual.count) values, not \(expected.count)" }
    guard let index = actual.indices.first(where: { actual[$0] != expected[$0] }) else {
      return nil
    }
    return "value \(index) is \(actual[index]), not \(expected[index])"
  }

  /// 8-bit RGB samples with every channel value 0…255 somewhere (16 × 16 pixels).
  static let rgbSamples: [Int] = (0..<256).flatMap { [$0, 255 - $0, ($0 * 7) % 256] }

  /// The chunks that colour-manage a PNG, each of which a reader of stored values ignores.
  static let colorManagement: [(name: String, chunks: [(type: String, content: [UInt8])])] = [
    // gAMA stores the file's gamma × 100000: 1.0 (linear light), then 0.45455 (about sRGB).
    ("gAMA 1.0", [("gAMA", PNGBuilder.bigEndian32(100_000))]),
    ("gAMA 0.45455", [("gAMA", PNGBuilder.bigEndian32(45455))]),
    ("sRGB", [("sRGB", [0])]),
    // Linear light with BT.2020-like primaries (white x y, red x y, green x y, blue x y × 100000).
    (
      "gAMA 1.0 and cHRM",
      [
        ("gAMA", PNGBuilder.bigEndian32(100_000)),
        (
          "cHRM",
          [31270, 32900, 70800, 29200, 17000, 79700, 13100, 4600].flatMap {
            PNGBuilder.bigEndian32(UInt32($0))
          }
        ),
      ]
    ),
  ]

  @Test(
    "gamma and colour chunks are ignored: 8-bit RGB decodes to the stored bytes",
    arguments: 0..<colorManagement.count)
  func colorChunksIgnored(index: Int) throws {
    let (name, chunks) = Self.colorManagement[index]
    let builder = PNGBuilder(
      width: 16, height: 16, colorType: .rgb, samples: Self.rgbSamples, ancillaryChunks: chunks)
    let image = try Image.decodePNG(builder.bytes(), path: "tagged.png")
    #expect(image.channels == 3, "\(name)")
    #expect(Self.difference(image.pixels, Self.rgbSamples.map { UInt8($0) }) == nil, "\(name)")
  }

  @Test("gamma chunks are ignored for gray and 16-bit files too")
  func grayGammaIgnored() throws {
    let gray = PNGBuilder(
      width: 16, height: 16, colorType: .gray, samples: Array(0..<256),
      ancillaryChunks: [("gAMA", PNGBuilder.bigEndian32(100_000))])
    let grayPixels = try Image.decodePNG(gray.bytes(), path: "g.png").pixels
    #expect(Self.difference(grayPixels, (0..<256).map { UInt8($0) }) == nil)
    let deep = (0..<256).map { $0 * 256 + 128 }
    let deepGray = PNGBuilder(
      width: 16, height: 16, bitDepth: 16, colorType: .gray, samples: deep,
      ancillaryChunks: [("gAMA", PNGBuilder.bigEndian32(100_000))])
    let deepPixels = try Image.decodePNG(deepGray.bytes(), path: "g16.png").pixels
    #expect(Self.difference(deepPixels, deep.map(Self.eightBits)) == nil)
  }

  @Test("every 16-bit gray value becomes round(v / 257)")
  func sixteenBitGrayEveryValue() throws {
    let samples = Array(0..<65536)
    let builder = PNGBuilder(
      width: 256, height: 256, bitDepth: 16, colorType: .gray, samples: samples)
    let image = try Image.decodePNG(builder.bytes(), path: "gray16.png")
    #expect(image.channels == 1)
    #expect(Self.difference(image.pixels, samples.map(Self.eightBits)) == nil)
    // The rounding edges: 128 / 257 = 0.498 → 0, 129 → 0.502 → 1, 383 → 1.490 → 1,
    // 385 → 1.498 → 1, 32896 = 128 × 257.
    #expect(
      [0, 128, 129, 383, 385, 32896, 65535].map { image.pixels[$0] } == [0, 0, 1, 1, 1, 128, 255])
  }

  @Test("16-bit RGB edge values become round(v / 257)")
  func sixteenBitRGBEdges() throws {
    let edges = [0, 128, 129, 383, 384, 385, 32767, 32896, 32767 + 257, 65406, 65407, 65535]
    let samples = edges + edges.reversed() + edges.map { 65535 - $0 }
    let builder = PNGBuilder(
      width: samples.count / 3, height: 1, bitDepth: 16, colorType: .rgb, samples: samples)
    let image = try Image.decodePNG(builder.bytes(), path: "rgb16.png")
    #expect(image.channels == 3)
    #expect(image.pixels == samples.map(Self.eightBits))
  }

  @Test("1-, 2- and 4-bit gray are scaled to 0…255", arguments: [1, 2, 4] as [UInt8])
  func lowBitDepthGray(depth: UInt8) throws {
    let levels = 1 << Int(depth)
    // 7 columns so that rows end inside a byte.
    let samples = (0..<(7 * 5)).map { ($0 * 3) % levels }
    let builder = PNGBuilder(
      width: 7, height: 5, bitDepth: depth, colorType: .gray, samples: samples)
    let image = try Image.decodePNG(builder.bytes(), path: "low.png")
    #expect(image.channels == 1)
    #expect(image.pixels == samples.map { UInt8($0 * 255 / (levels - 1)) })
  }

  @Test("a gray tRNS colour at 4 bits becomes the background")
  func lowBitDepthGrayTransparency() throws {
    let samples = (0..<16).map { $0 }
    let builder = PNGBuilder(
      width: 16, height: 1, bitDepth: 4, colorType: .gray, samples: samples,
      transparency: [0, 5])
    let background = RGBColor(gray: 77)
    let image = try Image.decodePNG(builder.bytes(), path: "trns.png", background: background)
    #expect(image.pixels == samples.map { $0 == 5 ? 77 : UInt8($0 * 17) })
  }

  @Test("palette with partial tRNS alpha is composited in stored values")
  func paletteTransparency() throws {
    let palette: [(UInt8, UInt8, UInt8)] = [(255, 0, 0), (10, 200, 30), (1, 2, 3), (90, 91, 92)]
    let alphas: [UInt8] = [255, 128, 0, 37]
    let indices = [0, 1, 2, 3, 3, 2, 1, 0]
    let builder = PNGBuilder(
      width: 4, height: 2, bitDepth: 2, colorType: .palette, samples: indices, palette: palette,
      transparency: alphas)
    let background = RGBColor(red: 40, green: 140, blue: 240)
    let image = try Image.decodePNG(builder.bytes(), path: "palette.png", background: background)
    #expect(image.channels == 3)
    let expected = indices.flatMap { index -> [UInt8] in
      let (red, green, blue) = palette[index]
      let alpha = alphas[index]
      return [
        Self.composite(red, alpha: alpha, over: 40), Self.composite(green, alpha: alpha, over: 140),
        Self.composite(blue, alpha: alpha, over: 240),
      ]
    }
    #expect(image.pixels == expected)
  }

  @Test(
    "gray+alpha and RGBA, 8 and 16 bits, are composited in stored values",
    arguments: [8, 16] as [UInt8])
  func alphaChannels(depth: UInt8) throws {
    let top = depth == 16 ? 65535 : 255
    let eight: (Int) -> UInt8 = { depth == 16 ? Self.eightBits($0) : UInt8($0) }
    let alphas = [0, top, top / 2, top / 3, 1, top - 1]
    let values = [top, 0, top / 5, top / 2 + 1, top / 7, 3]
    let background = RGBColor(red: 200, green: 50, blue: 123)

    let graySamples = zip(values, alphas).flatMap { [$0, $1] }
    let gray = PNGBuilder(
      width: values.count, height: 1, bitDepth: depth, colorType: .grayAlpha,
      samples: graySamples)
    let grayImage = try Image.decodePNG(gray.bytes(), path: "ga.png", background: .white)
    #expect(grayImage.channels == 1)
    #expect(
      grayImage.pixels
        == zip(values, alphas).map { Self.composite(eight($0), alpha: eight($1), over: 255) })

    let rgbaSamples = zip(values, alphas).flatMap { [$0, top - $0, $0 / 2, $1] }
    let rgba = PNGBuilder(
      width: values.count, height: 1, bitDepth: depth, colorType: .rgba, samples: rgbaSamples)
    let rgbaImage = try Image.decodePNG(rgba.bytes(), path: "rgba.png", background: background)
    #expect(rgbaImage.channels == 3)
    let expected = zip(values, alphas).flatMap { value, alpha -> [UInt8] in
      [
        Self.composite(eight(value), alpha: eight(alpha), over: 200),
        Self.composite(eight(top - value), alpha: eight(alpha), over: 50),
        Self.composite(eight(value / 2), alpha: eight(alpha), over: 123),
      ]
    }
    #expect(rgbaImage.pixels == expected)
  }

  /// Files of several kinds and sizes (1 × 1 leaves six Adam7 passes empty), each to be read
  /// interlaced and not.
  static let interlacingCases: [PNGBuilder] = {
    var random = SeededGenerator(seed: 7)
    func samples(_ count: Int, below limit: Int) -> [Int] {
      (0..<count).map { _ in Int(random.next() % UInt64(limit)) }
    }
    return [
      PNGBuilder(width: 13, height: 11, colorType: .rgb, samples: samples(13 * 11 * 3, below: 256)),
      PNGBuilder(
        width: 9, height: 10, bitDepth: 16, colorType: .rgba,
        samples: samples(9 * 10 * 4, below: 65536)),
      PNGBuilder(
        width: 17, height: 9, bitDepth: 1, colorType: .gray, samples: samples(17 * 9, below: 2)),
      PNGBuilder(
        width: 6, height: 7, bitDepth: 4, colorType: .palette, samples: samples(42, below: 3),
        palette: [(9, 8, 7), (200, 100, 0), (0, 0, 255)], transparency: [255, 100]),
      PNGBuilder(width: 1, height: 1, colorType: .gray, samples: [123]),
      PNGBuilder(width: 3, height: 2, colorType: .grayAlpha, samples: samples(12, below: 256)),
    ]
  }()

  @Test(
    "an Adam7-interlaced file decodes like the same file stored row by row",
    arguments: 0..<interlacingCases.count)
  func interlaced(index: Int) throws {
    var builder = Self.interlacingCases[index]
    let plain = try Image.decodePNG(builder.bytes(), path: "plain.png")
    builder.interlaced = true
    let interlaced = try Image.decodePNG(builder.bytes(), path: "interlaced.png")
    #expect(interlaced.channels == plain.channels)
    #expect(Self.difference(interlaced.pixels, plain.pixels) == nil)
    #expect(plain.width == builder.width && plain.height == builder.height)
  }

  @Test("a bad checksum in a skipped gAMA chunk is no error; the pixels are the stored ones")
  func badChecksumInSkippedChunk() throws {
    var bytes = PNGBuilder(
      width: 16, height: 16, colorType: .rgb, samples: Self.rgbSamples,
      ancillaryChunks: [("gAMA", PNGBuilder.bigEndian32(100_000))]
    ).bytes()
    // Signature (8) + IHDR (25) + gAMA's length, type and content (12): then its CRC.
    bytes[8 + 25 + 12] ^= 0xFF
    let image = try Image.decodePNG(bytes, path: "gama-crc.png")
    #expect(Self.difference(image.pixels, Self.rgbSamples.map { UInt8($0) }) == nil)
  }

  /// A valid 8 × 8 RGB file with a gAMA chunk, for the error cases.
  static var taggedPNG: [UInt8] {
    PNGBuilder(
      width: 8, height: 8, colorType: .rgb, samples: Array(Self.rgbSamples.prefix(192)),
      ancillaryChunks: [("gAMA", PNGBuilder.bigEndian32(100_000))]
    ).bytes()
  }

  /// The messages are those that the earlier reader (libpng's simplified API) gave for the same
  /// files: libpng's own text, or ``ImageLimits``' for a header over the pixel limit.
  @Test("truncated files, bad checksums and huge headers give one-line errors naming the file")
  func errors() throws {
    let file = Self.taggedPNG
    var badCRC = file
    badCRC[30] ^= 0x55  // IHDR's CRC
    var badDataCRC = file
    badDataCRC[badDataCRC.count - 13] ^= 0x55  // IDAT's CRC, just before IEND
    var huge = file
    huge.replaceSubrange(
      8..<33,
      with: PNGBuilder.chunk(
        "IHDR", PNGBuilder.bigEndian32(30000) + PNGBuilder.bigEndian32(30000) + [8, 2, 0, 0, 0]))
    var wide = file
    wide.replaceSubrange(
      8..<33,
      with: PNGBuilder.chunk(
        "IHDR", PNGBuilder.bigEndian32(1 << 30) + PNGBuilder.bigEndian32(1) + [8, 2, 0, 0, 0]))
    let limit = ImageLimits.standard.maximumPixels
    let cases: [(name: String, bytes: [UInt8], problem: String)] = [
      ("signature.png", Array(file.prefix(8)), "bad PNG: read beyond end of data"),
      ("in-header.png", Array(file.prefix(20)), "bad PNG: read beyond end of data"),
      ("in-data.png", Array(file.prefix(file.count - 60)), "bad PNG: read beyond end of data"),
      ("bad-crc.png", badCRC, "bad PNG: IHDR: CRC error"),
      ("bad-data-crc.png", badDataCRC, "bad PNG: IDAT: CRC error"),
      ("huge.png", huge, "bad PNG: image is 30000×30000, over the limit of \(limit) pixels"),
      ("wide.png", wide, "bad PNG: Invalid IHDR data"),
    ]
    for (name, bytes, problem) in cases {
      #expect(throws: LatentError(.image, path: name, problem), "\(name)") {
        try Image.decodePNG(bytes, path: name)
      }
    }
  }
}
