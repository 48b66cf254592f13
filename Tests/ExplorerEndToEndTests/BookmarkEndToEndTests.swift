import FaceVAE
import Foundation
import TestSupport
import Testing

/// Bookmarks (`m`) and the calculator (`:`) in a real pseudo-terminal.
@Suite("Explorer bookmarks in tmux", .serialized)
struct BookmarkEndToEndTests {
  /// A bookmark saved in one session is `@name` in the next; the model file is untouched.
  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func aBookmarkSurvivesARestartAndNeverTouchesTheModelFile() throws {
    _ = try LatentBinary.located()
    let folder = try TemporaryFolder()
    let model = try TrainedTestModel.make(in: folder.path)
    let modelBytes = try Data(contentsOf: URL(fileURLWithPath: model))
    let command =
      "\(LatentBinary.path) explore --model \(model) --export \(folder.path)/out"
      + " --graphics truecolor"
    let pane = try TmuxPane()
    try pane.typeLine(command)
    #expect(try pane.waitFor { $0.contains("decode") }.ok)
    try pane.press("L", "L")
    #expect(
      try pane.waitFor { ExplorerEndToEndTests.selectedSliderLine($0)?.contains("+1.00σ") == true }
        .ok)
    try pane.press("m")
    try pane.typeLine("mine")
    let saved = try pane.waitFor { $0.contains("bookmarked @mine") }
    #expect(saved.ok, "m did not save the bookmark:\n\(saved.screen)")
    try pane.quit()

    let bookmarks = try Bookmarks(path: Bookmarks.path(besideModel: model))
    let code = try #require(bookmarks.code(named: "mine"))
    #expect(code.filter { $0 != 0 } == [1])
    #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == modelBytes)

    try pane.typeLine(command)
    #expect(try pane.waitFor { $0.contains("decode") }.ok)
    try pane.press(":")
    try pane.typeLine("@mine * 2 - zero")
    let doubled = try pane.waitFor {
      ExplorerEndToEndTests.selectedSliderLine($0)?.contains("+2.00σ") == true
    }
    #expect(doubled.ok, "the calculator did not show @mine * 2:\n\(doubled.screen)")
    try pane.quit()
  }
}
