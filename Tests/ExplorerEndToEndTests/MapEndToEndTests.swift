import Foundation
import TestSupport
import Testing

/// The map in a real terminal: braille dots for the stored codes, the cursor moving the face,
/// a click on a dot opening that stored face.
extension ExplorerEndToEndTests {
  /// Cells on `screen` holding braille dots (U+2801…U+28FF), as (column, row).
  static func brailleCells(_ screen: String) -> [(column: Int, row: Int)] {
    screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap {
      row, line in
      line.unicodeScalars.enumerated().compactMap { column, scalar in
        (0x2801...0x28FF).contains(scalar.value) ? (column, row) : nil
      }
    }
  }

  /// The value after `x        pca0 ` on the map's side panel.
  static func mapFact(_ key: String, _ screen: String) -> String? {
    screen.split(separator: "\n").lazy.compactMap { line -> String? in
      guard let range = line.range(of: key.padding(toLength: 9, withPad: " ", startingAt: 0))
      else { return nil }
      return String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
    }.first
  }

  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func theMapShowsDotsTheCursorMovesTheFaceAndAClickOpensAStoredFace() throws {
    _ = try LatentBinary.located()
    let folder = try TemporaryFolder()
    let model = try TrainedTestModel.make(in: folder.path)
    let pane = try TmuxPane()
    try pane.typeLine("\(Self.binary) explore --model \(model) --graphics truecolor")
    let opened = try pane.waitFor(escapes: true) { Self.directColors($0).count > 200 }
    #expect(opened.ok, "the explorer did not show a face:\n\((try? pane.capture()) ?? "")")

    try pane.press("M")
    let map = try pane.waitFor { Self.brailleCells($0).count > 30 && $0.contains("pca0→") }
    #expect(map.ok, "M did not draw the map's dots:\n\(map.screen)")
    #expect(Self.mapFact("x", map.screen)?.hasPrefix("pca0") == true, "\(map.screen)")
    // The test model's codes hardly spread along PCA: the x axis on the most active
    // dimension (after the PCA directions), so that a step shows on the face.
    var screen = map.screen
    for _ in 0..<40 where Self.mapFact("x", screen)?.hasPrefix("z") != true {
      try pane.press("]")
      let previous = Self.mapFact("x", screen)
      screen = try pane.waitFor(seconds: 2) { Self.mapFact("x", $0) != previous }.screen
    }
    let x = Self.mapFact("x", screen)
    #expect(x?.hasPrefix("z") == true, "] did not reach a dimension:\n\(screen)")
    let faceBefore = Self.directColors(try pane.capture(escapes: true))

    // Five cells right: the x value changes, and the face with it.
    try pane.press("L")
    let moved = try pane.waitFor { Self.mapFact("x", $0) != x }
    #expect(moved.ok, "L did not move the cursor:\n\(moved.screen)")
    let redrawn = try pane.waitFor(escapes: true) { Self.directColors($0) != faceBefore }
    #expect(redrawn.ok, "the face did not follow the cursor")

    // A click on a dot far from the cursor opens the stored face there.
    let plain = try pane.capture()
    let cursorRow =
      plain.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains("+") && $0.unicodeScalars.contains { $0.value >= 0x2801 } } ?? 0
    let target = try #require(
      Self.brailleCells(plain).max { abs($0.row - cursorRow) < abs($1.row - cursorRow) })
    let faceAtCursor = Self.directColors(try pane.capture(escapes: true))
    try pane.click(column: target.column, row: target.row)
    let jumped = try pane.waitFor { $0.contains("face #") }
    #expect(jumped.ok, "a click on a dot did not open a stored face:\n\(jumped.screen)")
    let changed = try pane.waitFor(escapes: true) { Self.directColors($0) != faceAtCursor }
    #expect(changed.ok, "the face did not change to the stored face clicked")

    try pane.quit()
  }
}
