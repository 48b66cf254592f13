import Foundation
import TestSupport
import Testing

/// Traverse in a real terminal: walking down past the rows that fit scrolls the grid, and
/// every label stays beside its own faces (ncurses must not scroll the faces away).
extension ExplorerEndToEndTests {
  /// A screen line without its SGR sequences.
  static func plain(_ line: Substring) -> String {
    var text = ""
    var inEscape = false
    for character in line {
      if character == "\u{1B}" {
        inEscape = true
      } else if inEscape {
        if character == "m" { inEscape = false }
      } else {
        text.append(character)
      }
    }
    return text
  }

  /// Each Traverse grid row on `screen` (captured with escapes): its label (`z7`) and the
  /// direct colours of its lines, as numbers, line by line.
  static func traverseRows(_ screen: String) -> [(label: String, colors: [[Int]])] {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    let labelRows = lines.indices.filter {
      let text = plain(lines[$0])
      return text.dropFirst().prefix(6).trimmingCharacters(in: .whitespaces).hasPrefix("z")
    }
    return labelRows.enumerated().map { k, row in
      let label = plain(lines[row]).dropFirst().prefix(6).trimmingCharacters(in: .whitespaces)
      // A grid row runs to the next label (or as far as the one before it ran).
      let height = k > 0 ? row - labelRows[k - 1] : 1
      let end = k + 1 < labelRows.count ? labelRows[k + 1] : row + height
      let colors = (row..<min(end, lines.count)).map { line in
        directColors(String(lines[line])).flatMap { color in
          color.split(separator: ";").dropFirst(2).map { Int($0) ?? -1 }
        }
      }
      return (label, colors)
    }
  }

  /// Whether two colour lists agree within 3 of 255 per channel (decoding runs on other
  /// threads).
  static func sameColors(_ a: [[Int]], _ b: [[Int]]) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy { x, y in
        x.count == y.count && zip(x, y).allSatisfy { abs($0 - $1) <= 3 }
      }
  }

  /// Whether `rows` grid rows are on the screen, each with seven faces on its label's line and
  /// on most of its other lines.
  static func gridIsDrawn(_ screen: String, rows: Int) -> Bool {
    let grid = traverseRows(screen)
    return grid.count == rows
      && grid.allSatisfy { row in
        let drawn = row.colors.map { $0.count >= 7 * 3 }
        return drawn.first == true && drawn.filter { $0 }.count * 2 >= drawn.count
      }
  }

  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func traverseScrollsPastTheVisibleRowsWithEachLabelBesideItsFaces() throws {
    _ = try LatentBinary.located()
    let folder = try TemporaryFolder()
    let model = try TrainedTestModel.make(in: folder.path)
    let pane = try TmuxPane()
    try pane.typeLine("\(Self.binary) explore --model \(model) --graphics truecolor")
    let opened = try pane.waitFor { Self.selectedSliderLine($0) != nil }
    #expect(opened.ok, "the explorer did not open:\n\(opened.screen)")
    try pane.press("T")
    // 16 dimensions; on a 120×40 pane, 4 rows fit.
    // The same capture twice: the grid is drawn completely, not caught half-way.
    var previous = ""
    let first = try pane.waitFor(escapes: true) { screen in
      defer { previous = screen }
      return Self.gridIsDrawn(screen, rows: 4) && screen == previous
    }
    #expect(first.ok, "no Traverse grid of 4 rows:\n\((try? pane.capture()) ?? "")")
    let top = Self.traverseRows(first.screen)

    for _ in 0..<15 { try pane.press("Down") }
    let bottom = try pane.waitFor(escapes: true) {
      $0.contains("16/16") && Self.gridIsDrawn($0, rows: 4)
    }
    #expect(bottom.ok, "↓ did not reach the 16th dimension:\n\((try? pane.capture()) ?? "")")
    let shown = Self.traverseRows(bottom.screen).map(\.label)
    #expect(Set(shown).isDisjoint(with: top.map(\.label)), "rows did not scroll: \(shown)")

    for _ in 0..<15 { try pane.press("Up") }
    let back = try pane.waitFor(escapes: true) { screen in
      defer { previous = screen }
      return screen.contains("1/16") && Self.gridIsDrawn(screen, rows: 4)
        && Self.traverseRows(screen).map(\.label) == top.map(\.label) && screen == previous
        // Every row drawn as far as it was at first (a loaded machine draws in pieces).
        && zip(top, Self.traverseRows(screen)).allSatisfy {
          $0.colors.map(\.count) == $1.colors.map(\.count)
        }
    }
    #expect(back.ok, "↑ did not bring the first rows back:\n\((try? pane.capture()) ?? "")")
    // Each label has the faces it had at first, line for line.
    for (before, after) in zip(top, Self.traverseRows(back.screen)) {
      #expect(Self.sameColors(before.colors, after.colors), "\(after.label)'s faces changed")
    }
    try pane.quit()
  }
}
