import Foundation
import ImageIO
import TerminalGraphics
import TestSupport
import Testing

@Suite("Sixel encoder, checked with ImageMagick and libsixel")
struct SixelTests {
  @Test(
    "An image of at most 256 colours on the percent grid decodes exactly",
    // 200×150 is large enough to be encoded in two halves at once.
    arguments: [(64, 64, 256), (61, 47, 200), (13, 1, 7), (100, 6, 1), (200, 150, 256)])
  func exactOnPercentGrid(width: Int, height: Int, colors: Int) throws {
    let source = TestImages.percentGridImage(
      width: width, height: height, colorCount: colors, seed: 7)
    let sixel = SixelEncoder().encode(source)
    let magick = PixelError(decoded: try SixelDecoders.imageMagick(sixel), source: source)
    let libsixel = PixelError(decoded: try SixelDecoders.libsixel(sixel), source: source)
    #expect(magick.max == 0, "ImageMagick: \(magick)")
    #expect(libsixel.max == 0, "libsixel: \(libsixel)")
  }

  @Test("A gray image decodes exactly when its values lie on the percent grid")
  func grayImage() throws {
    let values = (0..<(40 * 30)).map { TestImages.byte(ofPercent: $0 % 101) }
    let source = Image(width: 40, height: 30, channels: 1, pixels: values)
    let sixel = SixelEncoder().encode(source)
    let error = PixelError(decoded: try SixelDecoders.imageMagick(sixel), source: source.rgbImage())
    #expect(error.max == 0, "\(error)")
  }

  @Test("The stream has raster attributes, run-length runs and a 6-row band structure")
  func streamStructure() throws {
    let source = Image(width: 30, height: 13, fill: [255, 0, 0])
    let text = String(decoding: SixelEncoder().encode(source), as: UTF8.self)
    #expect(text.hasPrefix("\u{1B}P"))
    #expect(text.contains("q\"1;1;30;13"))
    #expect(text.contains("#0;2;100;0;0"))
    #expect(text.contains("!30~"))  // a full band of one colour: one run
    #expect(text.filter { $0 == "-" }.count == 2)  // 13 rows: bands 6 + 6 + 1
    #expect(text.hasSuffix("\u{1B}\\"))
    #expect(!text.hasSuffix("-\u{1B}\\"))
  }

  @Test("A photo-like face decodes within quantisation error, the same in both decoders")
  func photoWithinQuantisationError() throws {
    let source = SyntheticFace.image(size: 64)
    for dithering in [SixelDithering.none, .floydSteinberg] {
      let sixel = SixelEncoder(dithering: dithering).encode(source)
      let magick = try SixelDecoders.imageMagick(sixel)
      let libsixel = try SixelDecoders.libsixel(sixel)
      #expect(PixelError(decoded: magick, source: libsixel).max == 0, "the decoders disagree")
      let error = PixelError(decoded: magick, source: source)
      #expect(error.mean < 3, "\(dithering): \(error)")
      #expect(error.max <= 40, "\(dithering): \(error)")
    }
  }

  @Test("Random noise (4096 colours) stays within the palette's reach")
  func noiseWithinBounds() throws {
    let source = Image.noise(width: 64, height: 64, seed: 3)
    let decoded = try SixelDecoders.imageMagick(SixelEncoder().encode(source))
    let error = PixelError(decoded: decoded, source: source)
    // 256 colours for 4096 random ones: roughly a 6×6×6 grid's worth, step ~40.
    #expect(error.mean < 20, "\(error)")
  }

  @Test("A smaller palette, as XTSMGRAPHICS may ask, is respected")
  func smallerPalette() throws {
    let text = String(
      decoding: SixelEncoder(maxColors: 16).encode(SyntheticFace.image(size: 32)), as: UTF8.self)
    let definitions = text.split(separator: "#").filter { $0.contains(";2;") }
    #expect(definitions.count <= 16)
    #expect(definitions.count > 8)
  }
}
