import ImageIO
import Testing

@Suite("Grids and bitmap font")
struct ImageGridTests {
  @Test("cells sit inside a one-pixel border, row by row")
  func layout() {
    let images = (0..<4).map { Image(width: 3, height: 2, fill: [UInt8(100 + $0)]) }
    let grid = ImageGrid(columns: 2, border: 1, background: RGBColor(gray: 7))
    let sheet = grid.compose(images)
    // 2 cells of 3 plus 3 border columns; 2 cells of 2 plus 3 border rows.
    #expect(sheet.width == 9 && sheet.height == 7 && sheet.channels == 1)
    #expect(sheet[0, 0, 0] == 7)
    #expect(sheet[1, 1, 0] == 100)
    #expect(sheet[5, 1, 0] == 101)
    #expect(sheet[1, 4, 0] == 102)
    #expect(sheet[7, 5, 0] == 103)
    #expect(sheet[4, 1, 0] == 7)
  }

  @Test("colour cells make an RGB sheet; a short last row leaves background")
  func colourAndShortRow() {
    let images = [
      Image(width: 2, height: 2, fill: [255, 0, 0]), Image(width: 2, height: 2, fill: [9]),
    ]
    let sheet = ImageGrid(columns: 2, border: 0).compose(images + [images[0]])
    #expect(sheet.channels == 3 && sheet.width == 4 && sheet.height == 4)
    #expect([sheet[2, 0, 0], sheet[2, 0, 1], sheet[2, 0, 2]] == [9, 9, 9])
    #expect([sheet[3, 3, 0], sheet[3, 3, 1]] == [24, 24])
  }

  @Test("caption strips add room and hold text")
  func captions() {
    let images = (0..<4).map { _ in Image(width: 20, height: 20, fill: [0]) }
    let plain = ImageGrid(columns: 2).compose(images)
    let grid = ImageGrid(
      columns: 2, textColor: .white, rowCaptions: ["Z7", "Z12"], columnCaptions: ["-3", "+3"])
    let sheet = grid.compose(images)
    // Left strip: "Z12" is 3 × 6 − 1 = 17 px plus 2 px padding each side; top strip 7 + 4.
    #expect(sheet.width == plain.width + 21)
    #expect(sheet.height == plain.height + 11)
    let whiteInTop = (0..<11).contains { y in (0..<sheet.width).contains { sheet[$0, y, 0] == 255 }
    }
    #expect(whiteInTop)
  }

  @Test("every digit and letter has its own glyph")
  func font() {
    let characters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    let glyphs = characters.map { BitmapFont.rows(for: $0) }
    #expect(characters.allSatisfy { BitmapFont.hasGlyph(for: $0) })
    #expect(
      glyphs.allSatisfy { $0.count == 7 && $0.contains { $0 != 0 } && $0.allSatisfy { $0 < 32 } })
    #expect(Set(glyphs).count == glyphs.count)
    #expect(BitmapFont.rows(for: "a") == BitmapFont.rows(for: "A"))
    #expect(!BitmapFont.hasGlyph(for: "@"))
  }

  @Test("text is drawn where asked, in the font's shape")
  func drawText() {
    var image = Image(width: 5, height: 7, fill: [0])
    image.drawText("1", x: 0, y: 0, color: .white)
    // The "1": a centre stem, a flag at top left, and a base 3 pixels wide.
    #expect(image[2, 3, 0] == 255 && image[0, 3, 0] == 0)
    #expect(image[1, 1, 0] == 255)
    #expect(
      [image[1, 6, 0], image[2, 6, 0], image[3, 6, 0], image[0, 6, 0]] == [255, 255, 255, 0])
  }
}
