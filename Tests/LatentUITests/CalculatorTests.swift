import FaceVAE
import LatentBasics
import LatentUI
import Testing

@Suite("The calculator (:) and bookmarks (m)")
struct CalculatorTests {
  func state() -> AppState {
    AppState(model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
  }

  @Test func anExpressionBecomesTheCurrentFace() {
    var state = state()
    _ = state.press(.character("T"), .character(":"))
    #expect(state.prompt?.purpose == .expression)
    let effects = type("2 * (#0 - #1) + 0.5 * smile", into: &state)
    #expect(state.z == [1, -1, 2, 0.5])
    #expect(faceCodes(effects) == [[1, -1, 2, 0.5]])
    #expect(state.mode == .explore)
  }

  @Test func anErrorNamesItsColumnAndLeavesTheFace() {
    var state = state()
    _ = state.press(.character(":"))
    #expect(type("#0 + #7", into: &state).isEmpty)
    #expect(state.z == [0, 0, 0, 0])
    #expect(state.message == "#0 + #7: column 6: there is no #7: the model stores 2 faces")
    _ = state.press(.character(":"))
    _ = type("#0 +", into: &state)
    #expect(state.message?.hasPrefix("#0 +: column 5:") == true)
    _ = state.press(.character(":"))
    _ = type("@mine", into: &state)
    #expect(state.message == "@mine: column 1: no bookmark 'mine' (press m to bookmark a face)")
  }

  @Test func mAsksToSaveTheCodeAndTheBookmarkIsThenANamedPoint() {
    var state = state()
    _ = state.press(.right, .right)
    _ = state.press(.character("m"))
    #expect(state.prompt?.caption == "bookmark name: @")
    let effects = type("mine", into: &state)
    #expect(effects == [.saveBookmark(name: "mine", code: [0, 0.2, 0, 0])])
    _ = state.update(
      .bookmarkSaved(name: "mine", code: [0, 0.2, 0, 0], .success("/m/toy.bookmarks.json")))
    #expect(state.message == "bookmarked @mine in /m/toy.bookmarks.json")
    _ = state.press(.character("R"), .character(":"))
    _ = type("@mine * 2", into: &state)
    #expect(state.z == [0, 0.4, 0, 0])
    // A taken name or a bad one asks for nothing.
    _ = state.press(.character("m"))
    #expect(type("mine", into: &state).isEmpty)
    _ = state.press(.character("m"))
    #expect(type("my face", into: &state).isEmpty)
    #expect(state.messageStyle == .warning)
  }

  @Test func aFailedSaveSaysWhyAndAddsNoBookmark() {
    var state = state()
    _ = state.update(
      .bookmarkSaved(
        name: "mine", code: [0, 0, 0, 0],
        .failure(LatentError(.inputOutput, path: "/ro/toy.bookmarks.json", "Permission denied"))))
    #expect(state.bookmarks.isEmpty && state.messageStyle == .warning)
    #expect(state.message?.contains("/ro/toy.bookmarks.json") == true)
  }
}
