import Foundation
import ImageIO
import TerminalGraphics
import TestSupport
import Testing

@Suite("Half blocks, decoded back to pixels by an SGR parser")
struct HalfBlockTests {
  @Test("Truecolour half blocks give back every pixel", arguments: [UInt64(1), 2, 3])
  func truecolorIsLossless(seed: UInt64) throws {
    for source in [
      SyntheticFace.image(size: 64), Image.noise(width: 37, height: 20, seed: seed),
    ] {
      let text = HalfBlockBlitter.cells(for: source, depth: .truecolor).ansiString()
      let decoder = SGRDecoder()
      let decoded = try #require(decoder.halfBlockImage(of: text))
      #expect(decoded == source)
      #expect(decoder.redundantSGRCount == 0)
      #expect(decoder.linesWithoutReset == 0)
    }
  }

  @Test("Equal pixel pairs become spaces, and repeated colours send no SGR")
  func uniformAreas() throws {
    let source = Image(width: 8, height: 4, fill: [10, 200, 30])
    let text = HalfBlockBlitter.cells(for: source, depth: .truecolor).ansiString()
    #expect(!text.unicodeScalars.contains("\u{2580}"))
    #expect(text.components(separatedBy: "48;2;10;200;30").count - 1 == 2)  // once per line
    let decoder = SGRDecoder()
    #expect(try #require(decoder.halfBlockImage(of: text)) == source)
  }

  @Test("256-colour half blocks stay within one cube step of the source", arguments: [false, true])
  func palette256WithinCubeStep(dithered: Bool) throws {
    let source = SyntheticFace.image(size: 64)
    let grid = HalfBlockBlitter.cells(for: source, depth: .palette256(dithered: dithered))
    for cell in grid.cells {
      for color in [cell.foreground, cell.background] {
        guard case .indexed256(let index) = color else {
          Issue.record("expected an indexed colour, got \(color)")
          return
        }
        #expect(index >= 16, "theme colours 0–15 must never be used")
      }
    }
    let decoder = SGRDecoder()
    let decoded = try #require(decoder.halfBlockImage(of: grid.ansiString()))
    var worst = 0
    var total = 0
    for (a, b) in zip(decoded.pixels, source.pixels) {
      worst = max(worst, abs(Int(a) - Int(b)))
      total += abs(Int(a) - Int(b))
    }
    // Nearest colour: within half the largest cube step (95) per channel, but a grey
    // may win with one channel further off; dithering adds up to half a step more.
    #expect(worst <= (dithered ? 110 : 83))
    #expect(Double(total) / Double(source.pixels.count) < (dithered ? 24 : 16))
  }

  @Test("An odd height leaves the last row's lower half in the default background")
  func oddHeight() {
    let grid = HalfBlockBlitter.cells(
      for: Image(width: 3, height: 3, fill: [1, 2, 3]), depth: .truecolor)
    #expect(grid.rows == 2)
    #expect(grid[0, 1] == Cell(glyph: "\u{2580}", foreground: .rgb(1, 2, 3), background: .default))
  }

  @Test("ASCII output follows luminance and carries no colour codes")
  func asciiRamp() {
    let gradient = Image(
      width: 10, height: 2, channels: 1, pixels: (0..<20).map { UInt8(($0 % 10) * 28) })
    let text = ASCIIBlitter.cells(for: gradient).plainText()
    let glyphs = Array(text.unicodeScalars.prefix(10))
    let ranks = glyphs.map { glyph in ASCIIBlitter.ramp.firstIndex(of: glyph) ?? -1 }
    #expect(ranks == ranks.sorted())
    #expect(ranks.first == 0 && ranks.last == ASCIIBlitter.ramp.count - 1)
    #expect(!ASCIIBlitter.cells(for: gradient).ansiString().contains("\u{1B}[3"))
  }
}
