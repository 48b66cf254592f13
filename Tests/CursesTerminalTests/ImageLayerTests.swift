import CursesTerminal
import ImageIO
import LatentUI
import TerminalGraphics
import Testing

@Suite("Image layer")
struct ImageLayerTests {
  func canvas(_ image: Image) -> Canvas {
    var canvas = Canvas(columns: 40, rows: 20)
    canvas.images = [
      CanvasImage(rect: CellRect(column: 2, row: 3, columns: 16, rows: 8), image: image)
    ]
    return canvas
  }

  func gradient(_ shift: UInt8) -> Image {
    var pixels: [UInt8] = []
    for y in 0..<16 {
      for x in 0..<16 { pixels += [UInt8(x * 16) &+ shift, UInt8(y * 16), 128] }
    }
    return Image(width: 16, height: 16, channels: 3, pixels: pixels)
  }

  @Test func cellFacesAreBracketedAndOnlyChangedCellsAreResent() {
    var layer = ImageLayer(renderer: FaceRenderer(mode: .truecolor))
    let first = layer.bytes(for: canvas(gradient(0)))
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.hasPrefix("\u{1B}[?2026h\u{1B}7") && text.hasSuffix("\u{1B}8\u{1B}[?2026l"))
    #expect(text.contains("\u{1B}[4;3H"))  // row 3, column 2, 1-based
    #expect(text.contains("38;2;") && text.contains("▀"))
    #expect(layer.bytes(for: canvas(gradient(0))).isEmpty)
    var changed = gradient(0)
    changed.pixels[0] = 255
    let update = layer.bytes(for: canvas(changed))
    #expect(!update.isEmpty && update.count < first.count / 10)
    layer.invalidate()
    #expect(layer.bytes(for: canvas(changed)).count > first.count / 2)
  }

  @Test func palette256AndASCIIUseNoDirectColour() {
    var palette = ImageLayer(renderer: FaceRenderer(mode: .palette256))
    let indexed = String(decoding: palette.bytes(for: canvas(gradient(0))), as: UTF8.self)
    #expect(indexed.contains("38;5;") && !indexed.contains("38;2;"))
    var ascii = ImageLayer(renderer: FaceRenderer(mode: .ascii))
    let plain = String(decoding: ascii.bytes(for: canvas(gradient(0))), as: UTF8.self)
    #expect(!plain.contains("38;") && !plain.contains("▀"))
  }

  @Test func pixelFacesAreSentOncePerChange() {
    var layer = ImageLayer(renderer: FaceRenderer(mode: .kitty))
    let first = String(decoding: layer.bytes(for: canvas(gradient(0))), as: UTF8.self)
    #expect(first.contains("\u{1B}_Ga=T") && first.contains("\u{1B}[4;"))
    #expect(layer.bytes(for: canvas(gradient(0))).isEmpty)
    #expect(!layer.bytes(for: canvas(gradient(9))).isEmpty)
    #expect(String(decoding: layer.deleteKittyImages(), as: UTF8.self).contains("a=d"))
  }
}
