import ImageIO
import Testing

@Suite("drawing clips to the image, wherever it starts")
struct DrawingClipTests {
  @Test func rectanglesWhollyOutsideChangeNothing() {
    var image = Image(width: 4, height: 3, fill: [9])
    for (x, y) in [(-10, 0), (5, 0), (0, -9), (0, 4), (-3, -3)] {
      image.fill(x: x, y: y, width: 2, height: 2, color: .white)
    }
    #expect(image == Image(width: 4, height: 3, fill: [9]))
    image.fill(x: -1, y: 2, width: 2, height: 5, color: .white)
    #expect(image[0, 2, 0] == 255 && image[1, 2, 0] == 9 && image[0, 1, 0] == 9)
  }

  @Test func captionsWiderThanTheirCellsDoNotTrap() {
    // A 4-pixel cell under a caption 5 glyphs wide: the first caption starts left of the sheet.
    let grid = ImageGrid(columns: 2, columnCaptions: ["-0.75", "+0.75"])
    let sheet = grid.compose([
      Image(width: 4, height: 4, fill: [0]), Image(width: 4, height: 4, fill: [0]),
    ])
    #expect(sheet.width == 2 * 4 + 3)
  }
}
