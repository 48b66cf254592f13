import ImageIO
import TerminalGraphics
import TestSupport
import Testing

@Suite("Scaling, viewport fitting and placement")
struct GeometryTests {
  @Test("Nearest upscaling by 3 repeats each pixel in a 3×3 block")
  func nearestIntegerScale() {
    let source = Image.noise(width: 5, height: 4, seed: 9)
    let scaled = ImageScaler.scale(source, width: 15, height: 12, filter: .nearest)
    for y in 0..<12 {
      for x in 0..<15 {
        for channel in 0..<3 { #expect(scaled[x, y, channel] == source[x / 3, y / 3, channel]) }
      }
    }
  }

  @Test("Bilinear keeps flat areas flat and blends between neighbours")
  func bilinear() {
    let flat = ImageScaler.scale(
      Image(width: 4, height: 4, fill: [50, 100, 150]), width: 13, height: 9, filter: .bilinear)
    #expect(flat == Image(width: 13, height: 9, fill: [50, 100, 150]))
    let edge = Image(width: 2, height: 1, channels: 1, pixels: [0, 200])
    let scaled = ImageScaler.scale(edge, width: 8, height: 1, filter: .bilinear)
    #expect(scaled.pixels.first == 0 && scaled.pixels.last == 200)
    #expect(scaled.pixels == scaled.pixels.sorted())
    #expect(Set(scaled.pixels).count > 4)
  }

  @Test("A square face fills the viewport's short side and stays square on screen")
  func viewportFit() {
    // Half blocks, 10×20 cells: sub-pixels are square.
    let halfBlocks = ViewportFit.scaledSize(
      imageWidth: 64, imageHeight: 64, columns: 40, rows: 20, cell: .fallback,
      subpixelsPerCell: (1, 2))
    #expect(halfBlocks == (40, 40))
    // Sixel in xterm's 6×13 cells: the pixel size itself.
    let xterm = CellPixelSize(width: 6, height: 13)
    let sixel = ViewportFit.scaledSize(
      imageWidth: 64, imageHeight: 64, columns: 100, rows: 20, cell: xterm,
      subpixelsPerCell: (6, 13))
    #expect(sixel == (260, 260))
    // Half blocks in 6×13 cells: sub-pixels are 6×6.5, so fewer rows than columns.
    let tall = ViewportFit.scaledSize(
      imageWidth: 64, imageHeight: 64, columns: 40, rows: 40, cell: xterm, subpixelsPerCell: (1, 2))
    #expect(tall.width == 40 && tall.height == 36)
  }

  @Test("The cell size comes from the window's pixel size when the kernel knows it")
  func cellSizeFromWindow() {
    #expect(
      CellPixelSize(columns: 100, rows: 40, pixelWidth: 604, pixelHeight: 524)
        == CellPixelSize(width: 6, height: 13))
    #expect(CellPixelSize(columns: 100, rows: 40, pixelWidth: 0, pixelHeight: 0) == nil)
  }

  @Test("Placement wraps the image in synchronized output, cursor save, move and restore")
  func placement() {
    let bytes = GraphicsPlacement.bytes(drawing: Array("IMG".utf8), row: 3, column: 12)
    #expect(
      String(decoding: bytes, as: UTF8.self)
        == "\u{1B}[?2026h\u{1B}7\u{1B}[3;12HIMG\u{1B}8\u{1B}[?2026l")
  }
}
