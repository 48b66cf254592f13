import Foundation
import ImageIO
import LatentUI
import Testing

/// Issue 15's first-look problems: stale status messages, Esc in Explore, the `?` overlay's
/// frame, the slider list's "n–m of N", and Browse captions.
@Suite("First look: status line, Esc, help frame, slider count, Browse captions")
struct FirstLookTests {
  func state(columns: Int = 100, rows: Int = 30) -> AppState {
    AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: columns, rows: rows)
  }

  /// The status line's message: the text after its `│`, or the whole line when the message
  /// took it; nil when it shows none.
  func statusMessage(_ state: AppState) -> String? {
    let line = state.render().lines[state.rows - 2].trimmingTrailingSpaces
    if let bar = line.range(of: " │ ") { return String(line[bar.upperBound...]) }
    // A message too long to share the line with the facts takes the whole line.
    let text = String(line.drop { $0 == " " })
    return text.isEmpty || text.hasPrefix(state.model.name + " · ") ? nil : text
  }

  @Test func aMessageGoesWithTheNextKeyThatActs() {
    var state = state()
    _ = state.press(.right, .character("R"))
    #expect(statusMessage(state) == "all sliders at the prior mean")
    _ = state.press(.right)
    #expect(statusMessage(state) == nil, "the sliders are no longer at the prior mean")
  }

  @Test func anErrorInOneModeDoesNotFollowIntoAnother() {
    var state = state()
    let effects = state.press(.character("T"))
    guard case .decode(let grid) = effects.last else {
      Issue.record("no grid request")
      return
    }
    _ = state.update(
      .decoded(
        DecodeResult(
          slot: .grid, serial: grid.serial, images: [], milliseconds: 0, error: "decode failed")))
    #expect(statusMessage(state) == "decode failed")
    _ = state.press(.character("E"))
    #expect(state.mode == .explore && statusMessage(state) == nil)
  }

  @Test func informationExpiresAfterFiveSecondsOfTicksButAWarningWaitsForAKey() {
    var state = state()
    _ = state.press(.character("x"))
    #expect(statusMessage(state) == "export scale ×8")
    for _ in 1..<AppState.messageLifetimeTicks { _ = state.update(.tick) }
    #expect(statusMessage(state) == "export scale ×8")
    _ = state.update(.tick)
    #expect(statusMessage(state) == nil)

    _ = state.press(.character("t"))
    let warning = statusMessage(state)
    #expect(warning?.hasPrefix("no training data") == true)
    for _ in 0..<(3 * AppState.messageLifetimeTicks) { _ = state.update(.tick) }
    #expect(statusMessage(state) == warning)
    _ = state.update(.mouse(MouseEvent(.press, column: 0, row: 10)))
    #expect(statusMessage(state) == nil)
  }

  @Test func escInExploreNeverQuitsAndClearsTheMessage() {
    var state = state()
    _ = state.press(.character("t"))
    #expect(statusMessage(state) != nil)
    #expect(KeyBinding.action(for: .escape, in: .explore) == .back)
    let effects = state.press(.escape)
    #expect(!effects.contains(.quit) && state.mode == .explore)
    #expect(statusMessage(state) == nil)
    _ = state.press(.character("B"), .escape)
    #expect(state.mode == .explore)
  }

  @Test func theHelpOverlayIsFramed() {
    var state = state()
    _ = state.press(.character("?"))
    let lines = state.render().lines.map { Array($0) }
    guard let top = lines.firstIndex(where: { $0.contains("┌") }),
      let bottom = lines.firstIndex(where: { $0.contains("└") }),
      let left = lines[top].firstIndex(of: "┌"), let right = lines[top].firstIndex(of: "┐")
    else {
      Issue.record("no frame corners")
      return
    }
    #expect(bottom > top + 2 && right > left + 10)
    #expect(lines[bottom][left] == "└" && lines[bottom][right] == "┘")
    #expect(lines[top][(left + 1)..<right].allSatisfy { $0 == "─" })
    #expect(lines[bottom][(left + 1)..<right].allSatisfy { $0 == "─" })
    for row in (top + 1)..<bottom {
      #expect(lines[row][left] == "│" && lines[row][right] == "│", "row \(row)")
    }
    #expect(String(lines[top + 1]).contains("Keys in Explore"))
  }

  /// On 80×24 with 2:1 cells (xterm's sixel cells too), the face fills the content rows, so
  /// the count cannot go under it.
  @Test(arguments: [(80, 24, 2.0), (80, 24, 1.0), (120, 40, 2.0)])
  func theSliderListSaysWhichSlidersItShows(columns: Int, rows: Int, cellAspect: Double) {
    var state = AppState(
      model: wideModel(dimensions: 40), graphicsName: "sixel", columns: columns, rows: rows,
      cellAspect: cellAspect)
    let shown = Layout(state).visibleSliders
    #expect(shown < 40)
    #expect(state.render().text.contains("sliders 1–\(shown) of 40"))
    _ = state.press(.end)
    #expect(state.render().text.contains("sliders \(41 - shown)–40 of 40"))
  }

  @Test func browseCaptionsSayIndexAndLabelName() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30,
      hasData: true, datasetCount: 3, datasetLabels: [0, 1, nil])
    state.datasetLabelNames = ["neutral", "smiling"]
    _ = state.press(.character("B"))
    let text = state.render().text
    #expect(text.contains("#1 · smiling"))
    #expect(text.contains("#0 · neutral"))
    #expect(!text.contains(" l1") && !text.contains(" l0"))
    #expect(text.contains("#image · label"))

    state.datasetLabelNames = []
    #expect(state.render().text.contains("#1 · 1"))
  }

  @Test func aLongLabelNameIsCutToTheCellWithAnEllipsis() {
    #expect(RenderText.browseCaption(index: 24, label: "11", width: 12) == "#24 · 11")
    #expect(RenderText.browseCaption(index: 24, label: nil, width: 12) == "#24")
    let cut = RenderText.browseCaption(index: 24, label: "surprised-and-happy", width: 12)
    #expect(cut == "#24 · surpr…" && cut.count == 12)
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
