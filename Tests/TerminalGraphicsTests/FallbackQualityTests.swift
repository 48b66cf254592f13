import ImageIO
import TerminalGraphics
import Testing

/// `latent show`'s size choice, and what the fallbacks (quadrants, ASCII, 256 colours) make of
/// faces.
@Suite("Show's size, quadrant cells, ASCII contrast, 256-colour hues")
struct FallbackQualityTests {
  /// Cells across and down that a rendering covers.
  func footprint(_ face: RenderedFace) -> (columns: Int, rows: Int) {
    switch face {
    case .cells(let grid): (grid.columns, grid.rows)
    case .pixels(_, let columns, let rows): (columns, rows)
    }
  }

  @Test("without --columns every mode fills the terminal (less a row for the prompt) alike")
  func showFitsTheTerminalInEveryMode() {
    let face = Image(width: 64, height: 64, fill: [180, 140, 120])
    let cell = CellPixelSize.fallback
    let size = ShowSize.cells(
      imageWidth: 64, imageHeight: 64, columns: nil, terminal: (columns: 80, rows: 24), cell: cell)
    #expect(size.columns == 80 && size.rows == 23)
    let modes: [GraphicsMode] = [.truecolor, .palette256, .quadrant, .ascii, .sixel, .kitty]
    let footprints = modes.map { mode in
      footprint(
        FaceRenderer(mode: mode, cellSize: cell).render(
          face, columns: size.columns, rows: size.rows))
    }
    // A square face in 10×20 cells: 23 rows tall, 46 columns wide, in every mode.
    for (mode, footprint) in zip(modes, footprints) {
      #expect(footprint.columns == 46 && footprint.rows == 23, "\(mode)")
    }
  }

  @Test("--columns sets the width; without a terminal the size is 80×24's")
  func showSizeOverridesAndFallback() {
    let wide = ShowSize.cells(
      imageWidth: 200, imageHeight: 100, columns: 20, terminal: (columns: 80, rows: 24),
      cell: .fallback)
    #expect(wide.columns == 20 && wide.rows == 6)
    let piped = ShowSize.cells(
      imageWidth: 64, imageHeight: 64, columns: nil, terminal: nil, cell: .fallback)
    #expect(piped.columns == 80 && piped.rows == 23)
  }

  @Test("quadrant mode draws 2×2 pixels a cell: a one-pixel checker survives across")
  func quadrantModeShowsTwicePixelsAcross() {
    var stripes = Image(width: 8, height: 8, fill: [0, 0, 0])
    for y in 0..<8 {
      for x in stride(from: 0, to: 8, by: 2) { for c in 0..<3 { stripes[x, y, c] = 255 } }
    }
    let renderer = FaceRenderer(mode: .quadrant, cellSize: .fallback)
    guard case .cells(let grid) = renderer.render(stripes, columns: 4, rows: 2) else {
      Issue.record("no cells")
      return
    }
    #expect(grid.columns == 4 && grid.rows == 2)
    // Each cell: a white left column and a black right one (▌, or ▐ with the colours swapped).
    for cell in grid.cells {
      let ink = cell.glyph == "▌" ? cell.foreground : cell.background
      #expect(cell.glyph == "▌" || cell.glyph == "▐")
      #expect(ink == .rgb(255, 255, 255))
    }
  }

  @Test("ASCII of a low-contrast face uses most of the ramp")
  func asciiStretchesTheLuminanceRange() {
    // A gradient from luminance 110 to 140 only.
    var image = Image(width: 40, height: 8, fill: [0, 0, 0])
    for y in 0..<8 {
      for x in 0..<40 {
        let value = UInt8(110 + x * 30 / 39)
        for c in 0..<3 { image[x, y, c] = value }
      }
    }
    let glyphs = Set(ASCIIBlitter.cells(for: image).cells.map(\.glyph))
    #expect(glyphs.count >= ASCIIBlitter.ramp.count - 1, "\(glyphs.count) characters")
    #expect(glyphs.contains(ASCIIBlitter.ramp.first!) && glyphs.contains(ASCIIBlitter.ramp.last!))
    // A flat image stays one character (nothing to stretch).
    let flat = ASCIIBlitter.cells(for: Image(width: 10, height: 4, fill: [120, 120, 120]))
    #expect(Set(flat.cells.map(\.glyph)).count == 1)
  }

  /// Hue in degrees (HSV), nil for a colour with less than `minimumChroma` between its
  /// largest and smallest channel (a grey has no hue to be wrong).
  func hue(_ red: Int, _ green: Int, _ blue: Int, minimumChroma: Int = 24) -> Double? {
    let high = max(red, green, blue)
    let low = min(red, green, blue)
    let chroma = Double(high - low)
    guard high - low >= minimumChroma else { return nil }
    var degrees: Double
    if high == red {
      degrees = 60 * Double(green - blue) / chroma
    } else if high == green {
      degrees = 60 * (2 + Double(blue - red) / chroma)
    } else {
      degrees = 60 * (4 + Double(red - green) / chroma)
    }
    if degrees < 0 { degrees += 360 }
    return degrees
  }

  /// The measure: every palette colour the 256-colour half blocks give a skin-tone gradient
  /// (dark brown to light peach, hue 20°–25°), that has a hue (max − min channel ≥ 24),
  /// is within 30° of the hue of the source pixel it draws. Olive or green (60°+) fails.
  @Test("256 colours: no cell of a skin-tone gradient far from the source's hue")
  func palette256KeepsSkinHues() {
    let width = 96
    let height = 16
    var image = Image(width: width, height: height, fill: [0, 0, 0])
    let dark = (90.0, 60.0, 45.0)
    let light = (250.0, 215.0, 190.0)
    for y in 0..<height {
      for x in 0..<width {
        let t = (Double(x) + Double(y) / Double(height)) / Double(width)
        image[x, y, 0] = UInt8(dark.0 + (light.0 - dark.0) * t)
        image[x, y, 1] = UInt8(dark.1 + (light.1 - dark.1) * t)
        image[x, y, 2] = UInt8(dark.2 + (light.2 - dark.2) * t)
      }
    }
    let grid = HalfBlockBlitter.cells(for: image, depth: .palette256(dithered: true))
    var worst = 0.0
    var coloured = 0
    for row in 0..<grid.rows {
      for column in 0..<grid.columns {
        let cell = grid[column, row]
        for (color, y) in [(cell.foreground, 2 * row), (cell.background, 2 * row + 1)] {
          guard case .indexed256(let index) = color else { continue }
          let shown = XtermPalette.rgb(ofIndex: index)
          guard let shownHue = hue(Int(shown.red), Int(shown.green), Int(shown.blue)),
            let sourceHue = hue(
              Int(image[column, y, 0]), Int(image[column, y, 1]), Int(image[column, y, 2]),
              minimumChroma: 0)
          else { continue }
          coloured += 1
          let difference = abs(shownHue - sourceHue)
          worst = max(worst, min(difference, 360 - difference))
        }
      }
    }
    #expect(coloured > grid.columns * grid.rows)
    #expect(worst <= 30, "a cell's hue is \(worst)° from its source pixel's")
  }
}
