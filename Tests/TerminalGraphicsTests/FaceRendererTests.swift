import ImageIO
import TerminalGraphics
import Testing

@Suite("Rendering a face into a viewport")
struct FaceRendererTests {
  let face = SyntheticFace.image(size: 64)

  @Test("Cell modes fill the viewport's short side and never overflow it")
  func cellModes() throws {
    for mode in [GraphicsMode.truecolor, .palette256, .ascii] {
      let renderer = FaceRenderer(mode: mode)
      guard case .cells(let grid) = renderer.render(face, columns: 50, rows: 20) else {
        Issue.record("\(mode) should give cells")
        continue
      }
      // 10×20 cells: square sub-pixels, so 40×40 pixels in 40 columns × 20 rows.
      #expect(grid.columns == 40 && grid.rows == 20, "\(mode)")
    }
  }

  @Test("Sixel fills the viewport in pixels and decodes to the scaled face")
  func sixel() throws {
    let renderer = FaceRenderer(mode: .sixel, cellSize: CellPixelSize(width: 6, height: 13))
    guard
      case .pixels(let bytes, let columns, let rows) = renderer.render(face, columns: 30, rows: 10)
    else {
      Issue.record("sixel should give pixels")
      return
    }
    #expect(columns <= 30 && rows == 10)
    let decoded = try SixelDecoders.libsixel(bytes)
    #expect(decoded.width == 130 && decoded.height == 130)
  }

  @Test("Kitty covers no more cells than the viewport")
  func kitty() {
    let renderer = FaceRenderer(mode: .kitty, cellSize: CellPixelSize(width: 9, height: 20))
    guard
      case .pixels(let bytes, let columns, let rows) = renderer.render(face, columns: 40, rows: 12)
    else {
      Issue.record("kitty should give pixels")
      return
    }
    #expect(columns <= 40 && rows <= 12 && rows >= 11)
    #expect(String(decoding: bytes.prefix(64), as: UTF8.self).contains("s=240,v=240"))
  }
}
