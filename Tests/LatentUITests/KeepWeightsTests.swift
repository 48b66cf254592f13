import LatentBasics
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
    _ = state.update(.weightsKept(.success("faces.safetensors")))

    for answer in [Key.character("n"), .enter] {
      _ = state.press(.character("w"))
      #expect(state.press(answer) == [.keepWeights(overwrite: false)], "\(answer.label)")
      _ = state.update(.weightsKept(.success("faces.1.safetensors")))
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

  /// The save runs in the background: keys keep working, a second `w` is refused until the
  /// outcome arrives, and then the path (or the whole reason) shows.
  @Test func whileSavingKeysWorkAndASecondWIsRefused() {
    var state = trained()
    _ = state.press(.character("w"))
    #expect(state.press(.character("n")) == [.keepWeights(overwrite: false)])
    #expect(state.savingWeights)
    #expect(state.render().lines[Layout(state).statusRow].contains("saving beside the model…"))
    // Sliders still move (and ask for faces) while the file is written.
    let before = state.z
    #expect(!state.press(.character("l")).isEmpty)
    #expect(state.z != before)
    // A second w asks nothing and starts nothing.
    #expect(state.press(.character("w")).isEmpty)
    #expect(state.prompt == nil)
    #expect(state.message?.contains("still saving") == true)

    _ = state.update(.weightsKept(.success("/tmp/faces.1.safetensors (weights gen 3)")))
    #expect(!state.savingWeights)
    #expect(state.message == "wrote /tmp/faces.1.safetensors (weights gen 3)")
    _ = state.press(.character("w"))
    #expect(state.keyContext == .keepQuestion)
  }

  /// A failed save's reason is shown whole at 120 columns: the long folder part of the path
  /// gives way, the file's name and the reason stay.
  @Test func aLongFailureKeepsItsReasonOnTheStatusLine() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 120, rows: 30,
      hasData: true)
    _ = state.update(.weightsPublished(generation: 3, epoch: 9))
    _ = state.press(.character("w"), .character("y"))
    let folder = "/home/someone/projects/faces/experiments/2026-12-02/run-with-a-long-name"
    let reason =
      "cannot write the file: no space left on device (ENOSPC), the old model is unchanged"
    _ = state.update(
      .weightsKept(
        .failure(
          LatentError(
            .inputOutput, "cannot keep the weights: \(folder)/faces.safetensors: \(reason)"))))
    // The reason runs on into the key line, whose keys give way.
    let lines = state.render().lines
    let layout = Layout(state)
    let shown = lines[layout.statusRow].trimmingSpaces + " " + lines[layout.hintsRow].trimmingSpaces
    #expect(shown.contains("faces.safetensors: " + reason), "\(shown)")
    #expect(shown.hasPrefix("cannot keep the weights: …/faces.safetensors"), "\(shown)")
    #expect(!state.savingWeights)
  }

  @Test func aShortMessageKeepsTheFactsAndTheKeys() {
    var state = trained()
    _ = state.update(.weightsKept(.success("/tmp/f.1.safetensors")))
    let lines = state.render().lines
    let layout = Layout(state)
    #expect(
      lines[layout.statusRow].contains("truecolor") && lines[layout.statusRow].contains("│ wrote"))
    #expect(lines[layout.hintsRow].contains("q quit"))
  }

  @Test func fittingShortensTheLongestPathsFirstAndNothingElse() {
    let text = "cannot move /a/bb/ccc/dddd/model.safetensors to /x/y.safetensors: read-only"
    #expect(RenderText.fitted(text, width: 200) == text)
    #expect(
      RenderText.fitted(text, width: 70)
        == "cannot move …/model.safetensors to /x/y.safetensors: read-only")
    #expect(
      RenderText.fitted(text, width: 50)
        == "cannot move …/model.safetensors to …/y.safetensors: read-only")
    #expect(RenderText.fitted("no paths here at all", width: 5) == "no paths here at all")
  }
}

extension String {
  /// Without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
