import TerminalGraphics
import Testing

@Suite("xterm 256-colour mapping")
struct XtermPaletteTests {
  /// The 240 non-theme colours, from the documented formulas (not from the code).
  static let palette: [(index: Int, red: Int, green: Int, blue: Int)] = {
    let levels = [0, 95, 135, 175, 215, 255]
    var entries: [(Int, Int, Int, Int)] = []
    for r in 0..<6 {
      for g in 0..<6 {
        for b in 0..<6 {
          entries.append((16 + 36 * r + 6 * g + b, levels[r], levels[g], levels[b]))
        }
      }
    }
    for k in 0..<24 { entries.append((232 + k, 8 + 10 * k, 8 + 10 * k, 8 + 10 * k)) }
    return entries
  }()

  private static func distance(_ red: Int, _ green: Int, _ blue: Int, to index: Int) -> Int {
    let entry = palette[index - 16]
    return (red - entry.red) * (red - entry.red) + (green - entry.green) * (green - entry.green)
      + (blue - entry.blue) * (blue - entry.blue)
  }

  @Test("Every index shows the colour of the cube and ramp formulas")
  func indexColors() {
    for entry in Self.palette {
      let rgb = XtermPalette.rgb(ofIndex: UInt8(entry.index))
      #expect((Int(rgb.red), Int(rgb.green), Int(rgb.blue)) == (entry.red, entry.green, entry.blue))
    }
  }

  @Test("The chosen index is a nearest one, by brute force over 240 colours, on a dense grid")
  func nearestOnDenseGrid() {
    // Every third value plus the cube and ramp boundaries: 86+ values per channel.
    var values = Set(stride(from: 0, through: 255, by: 3))
    for boundary in [
      47, 48, 114, 115, 154, 155, 194, 195, 234, 235, 254, 255, 2, 3, 4, 12, 13, 14, 242, 243,
    ] {
      values.insert(boundary)
    }
    let sorted = values.sorted()
    var mismatches = 0
    for red in sorted {
      for green in sorted {
        for blue in sorted {
          let chosen = Int(XtermPalette.nearestIndex(red: red, green: green, blue: blue))
          var best = Int.max
          for entry in Self.palette {
            best = min(best, Self.distance(red, green, blue, to: entry.index))
          }
          if chosen < 16 || Self.distance(red, green, blue, to: chosen) != best { mismatches += 1 }
        }
      }
    }
    #expect(mismatches == 0)
  }

  @Test("Exact palette colours map to themselves (or to an equal colour)")
  func exactColors() {
    for entry in Self.palette {
      let chosen = Int(
        XtermPalette.nearestIndex(red: entry.red, green: entry.green, blue: entry.blue))
      #expect(Self.distance(entry.red, entry.green, entry.blue, to: chosen) == 0)
    }
  }
}
