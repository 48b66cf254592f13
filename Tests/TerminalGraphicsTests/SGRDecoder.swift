import ImageIO
import TerminalGraphics

/// Turns ANSI block output back into pixels, independently of the code that wrote it:
/// parses SGR colour codes, tracks the active colours, and paints each glyph's pixels.
final class SGRDecoder {
  /// Colours that SGR codes set to a value that was already active (should be none).
  var redundantSGRCount = 0
  /// Lines that did not end with `ESC[0m` before the newline.
  var linesWithoutReset = 0

  /// An RGB colour.
  typealias RGB = (red: Int, green: Int, blue: Int)

  /// The colour xterm shows for a 256-palette index, from the documented formulas:
  /// cube 16 + 36 r + 6 g + b with levels 0, 95, 135, 175, 215, 255; greys 8 + 10 k.
  static func xtermColor(_ index: Int) -> RGB {
    if index >= 232 {
      let level = 8 + 10 * (index - 232)
      return (level, level, level)
    }
    let levels = [0, 95, 135, 175, 215, 255]
    let cube = index - 16
    return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
  }

  /// Decodes `text`: each line is a list of (glyph, foreground, background) cells, with
  /// nil standing for the terminal's default colour.
  func cells(of text: String) -> [[(glyph: Unicode.Scalar, foreground: RGB?, background: RGB?)]] {
    var lines: [[(glyph: Unicode.Scalar, foreground: RGB?, background: RGB?)]] = [[]]
    var foreground: RGB? = nil
    var background: RGB? = nil
    var lastSequenceWasReset = false
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\u{1B}" && index + 1 < scalars.count && scalars[index + 1] == "[" {
        var end = index + 2
        while end < scalars.count && scalars[end] != "m" { end += 1 }
        let parameters = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
          .split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        lastSequenceWasReset = parameters == [0]
        var position = 0
        while position < parameters.count {
          let code = parameters[position]
          var color: RGB?? = nil
          var advance = 1
          if (code == 38 || code == 48) && parameters[position + 1] == 2 {
            color = .some(
              (parameters[position + 2], parameters[position + 3], parameters[position + 4]))
            advance = 5
          } else if (code == 38 || code == 48) && parameters[position + 1] == 5 {
            color = .some(Self.xtermColor(parameters[position + 2]))
            advance = 3
          } else if code == 39 || code == 49 {
            color = .some(nil)
          } else if code == 0 {
            foreground = nil
            background = nil
          }
          if let color {
            if code == 38 || code == 39 {
              if Self.same(foreground, color) { redundantSGRCount += 1 }
              foreground = color
            } else {
              if Self.same(background, color) { redundantSGRCount += 1 }
              background = color
            }
          }
          position += advance
        }
        index = end + 1
        continue
      }
      if scalar == "\n" {
        if !lastSequenceWasReset { linesWithoutReset += 1 }
        lines.append([])
        foreground = nil
        background = nil
      } else {
        lines[lines.count - 1].append((scalar, foreground, background))
        lastSequenceWasReset = false
      }
      index += 1
    }
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  /// The RGB image that half-block output (`▀`, `▄`, `█`, space) shows, two pixels per cell.
  func halfBlockImage(of text: String) -> Image? {
    let lines = cells(of: text)
    guard let width = lines.first?.count, lines.allSatisfy({ $0.count == width }) else {
      return nil
    }
    var image = Image(width: width, height: lines.count * 2, fill: [0, 0, 0])
    for (row, line) in lines.enumerated() {
      for (column, cell) in line.enumerated() {
        let top: RGB?
        let bottom: RGB?
        switch cell.glyph {
        case "\u{2580}": (top, bottom) = (cell.foreground, cell.background)
        case "\u{2584}": (top, bottom) = (cell.background, cell.foreground)
        case "\u{2588}": (top, bottom) = (cell.foreground, cell.foreground)
        case " ": (top, bottom) = (cell.background, cell.background)
        default: return nil
        }
        guard let top, let bottom else { return nil }
        Self.paint(&image, x: column, y: row * 2, top)
        Self.paint(&image, x: column, y: row * 2 + 1, bottom)
      }
    }
    return image
  }

  /// The RGB image that quadrant output shows, 2×2 pixels per cell.
  func quadrantImage(of text: String) -> Image? {
    // Which quadrants (top left, top right, bottom left, bottom right) each glyph inks.
    let coverage: [Unicode.Scalar: [Bool]] = [
      " ": [false, false, false, false], "\u{2598}": [true, false, false, false],
      "\u{259D}": [false, true, false, false], "\u{2596}": [false, false, true, false],
      "\u{2597}": [false, false, false, true], "\u{2580}": [true, true, false, false],
      "\u{2584}": [false, false, true, true], "\u{258C}": [true, false, true, false],
      "\u{2590}": [false, true, false, true], "\u{259A}": [true, false, false, true],
      "\u{259E}": [false, true, true, false], "\u{259B}": [true, true, true, false],
      "\u{259C}": [true, true, false, true], "\u{2599}": [true, false, true, true],
      "\u{259F}": [false, true, true, true], "\u{2588}": [true, true, true, true],
    ]
    let lines = cells(of: text)
    guard let width = lines.first?.count, lines.allSatisfy({ $0.count == width }) else {
      return nil
    }
    var image = Image(width: width * 2, height: lines.count * 2, fill: [0, 0, 0])
    for (row, line) in lines.enumerated() {
      for (column, cell) in line.enumerated() {
        guard let inked = coverage[cell.glyph] else { return nil }
        for quadrant in 0..<4 {
          guard let color = inked[quadrant] ? cell.foreground : cell.background else { return nil }
          Self.paint(&image, x: column * 2 + quadrant % 2, y: row * 2 + quadrant / 2, color)
        }
      }
    }
    return image
  }

  private static func paint(_ image: inout Image, x: Int, y: Int, _ color: RGB) {
    image[x, y, 0] = UInt8(color.red)
    image[x, y, 1] = UInt8(color.green)
    image[x, y, 2] = UInt8(color.blue)
  }

  private static func same(_ a: RGB?, _ b: RGB?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?): return a == b
    default: return false
    }
  }
}
