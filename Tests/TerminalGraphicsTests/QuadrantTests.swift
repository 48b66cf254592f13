import ImageIO
import LatentBasics
import TerminalGraphics
import Testing

@Suite("Quadrant blocks")
struct QuadrantTests {
  @Test("Cells of at most two colours each come back exactly, in every one of 16 layouts")
  func twoColourCellsAreExact() throws {
    var generator = SeededGenerator(seed: 11)
    // 16 cells across (one per layout), 4 rows of random colour pairs.
    var source = Image(width: 32, height: 8, fill: [0, 0, 0])
    for row in 0..<4 {
      for layout in 0..<16 {
        let colors = (0..<2).map { _ in
          (0..<3).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        for quadrant in 0..<4 {
          let color = colors[(layout >> quadrant) & 1]
          for channel in 0..<3 {
            source[layout * 2 + quadrant % 2, row * 2 + quadrant / 2, channel] = color[channel]
          }
        }
      }
    }
    let text = QuadrantBlitter.cells(for: source, depth: .truecolor).ansiString()
    let decoder = SGRDecoder()
    #expect(try #require(decoder.quadrantImage(of: text)) == source)
    #expect(decoder.redundantSGRCount == 0)
  }

  @Test("A face keeps more detail than half blocks at the same number of cells")
  func sharperThanHalfBlocks() throws {
    let face = SyntheticFace.image(size: 64)
    let decoder = SGRDecoder()
    let quadrants = try #require(
      decoder.quadrantImage(of: QuadrantBlitter.cells(for: face, depth: .truecolor).ansiString()))
    // Half blocks with the same 32×32 cells: the face halved horizontally, stretched back.
    let halved = ImageScaler.scale(face, width: 32, height: 64, filter: .bilinear)
    let halfBlocks = try #require(
      decoder.halfBlockImage(
        of: HalfBlockBlitter.cells(for: halved, depth: .truecolor).ansiString()))
    let stretched = ImageScaler.scale(halfBlocks, width: 64, height: 64, filter: .nearest)
    #expect(
      PixelError(decoded: quadrants, source: face).mean
        < PixelError(decoded: stretched, source: face).mean)
  }
}
