import LatentUI
import Testing

/// `w` asks before it overwrites the model file: only `y` overwrites.
@Suite("Keeping weights (w)")
struct KeepWeightsTests {
  func trained() -> AppState {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30,
      hasData: true)
    _ = state.update(.weightsPublished(generation: 3, epoch: 9))
    return state
  }

  @Test func wAsksAndOnlyYOverwrites() {
    var state = trained()
    #expect(state.press(.character("w")).isEmpty)
    #expect(state.keyContext == .keepQuestion)
    #expect(state.render().lines[Layout(state).statusRow].contains("overwrite the model file?"))
    #expect(state.press(.character("y")) == [.keepWeights(overwrite: true)])
    #expect(state.prompt == nil)

    for answer in [Key.character("n"), .enter] {
      _ = state.press(.character("w"))
      #expect(state.press(answer) == [.keepWeights(overwrite: false)], "\(answer.label)")
    }
    // Esc, and any key the question does not bind, keep nothing.
    _ = state.press(.character("w"))
    #expect(state.press(.character("q"), .character("Y"), .character("w")).isEmpty)
    #expect(state.press(.escape).isEmpty && state.prompt == nil)
  }

  @Test func withoutNewWeightsWOnlySaysSo() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    #expect(state.press(.character("w")).isEmpty && state.prompt == nil)
    #expect(state.message?.contains("no new weights") == true)
  }
}
