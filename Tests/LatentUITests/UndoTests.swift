import LatentUI
import Testing

@Suite("Undo and redo of slider moves")
struct UndoTests {
  func state() -> AppState {
    AppState(model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
  }

  @Test func aRunOfArrowPressesOnOneSliderIsOneStep() {
    var state = state()
    _ = state.press(.right, .right, .character("L"))
    #expect(state.z == [0, 0.7, 0, 0])
    _ = state.press(.down, .left)
    #expect(state.z == [0, 0.7, 0, -0.1])
    let undone = state.press(.character("u"))
    #expect(state.z == [0, 0.7, 0, 0] && faceCodes(undone) == [[0, 0.7, 0, 0]])
    _ = state.press(.character("u"))
    #expect(state.z == [0, 0, 0, 0])
    #expect(state.press(.character("u")).isEmpty)
    #expect(state.message == "nothing to undo")
    _ = state.press(.character("U"), .character("U"))
    #expect(state.z == [0, 0.7, 0, -0.1])
    #expect(state.press(.character("U")).isEmpty && state.message == "nothing to redo")
  }

  @Test func anotherKeyBetweenPressesStartsANewStep() {
    var state = state()
    _ = state.press(.right, .character("x"), .right)
    _ = state.press(.character("u"))
    #expect(state.z[1] == 0.1)
  }

  @Test func resetsRandomFacesAndAttributesAreStepsAndANewMoveClearsRedo() {
    var state = state()
    _ = state.press(.end, .character("L"))
    #expect(state.z == [0, 0, 0, 0.5])
    _ = state.press(.character("r"))
    let random = state.z
    _ = state.press(.character("R"))
    #expect(state.z == [0, 0, 0, 0])
    _ = state.press(.character("u"))
    #expect(state.z == random)
    _ = state.press(.character("u"))
    #expect(state.z == [0, 0, 0, 0.5])
    // A move after undoing forgets what was undone.
    _ = state.press(.home, .right)
    #expect(state.press(.character("U")).isEmpty)
    _ = state.press(.character("u"))
    #expect(state.z == [0, 0, 0, 0.5])
  }

  @Test func aClickAndItsDragAreOneStep() {
    var state = state()
    let layout = Layout(state)
    let row = layout.sliderPanel.row
    _ = state.update(.mouse(MouseEvent(.press, column: layout.trackColumn(for: 1), row: row)))
    _ = state.update(.mouse(MouseEvent(.drag, column: layout.trackColumn(for: 2), row: row)))
    _ = state.update(.mouse(MouseEvent(.release, column: layout.trackColumn(for: 2), row: row)))
    #expect(state.z[1] > 1.5)
    _ = state.press(.character("u"))
    #expect(state.z == [0, 0, 0, 0])
  }

  @Test func theSlidersSetFromTraverseCanBeUndone() {
    var state = state()
    _ = state.press(.right)
    _ = state.press(.character("T"), .right, .enter)
    #expect(state.mode == .explore && state.z == [0, 1, 0, 0])
    _ = state.press(.character("u"))
    #expect(state.z == [0, 0.1, 0, 0])
  }

  @Test func theHistoryKeepsTheNewestSteps() {
    var history = SliderHistory()
    for k in 0..<(SliderHistory.limit + 5) {
      history.record(SliderHistory.Snapshot(z: [Float(k)]))
    }
    #expect(history.undoSteps.count == SliderHistory.limit)
    #expect(history.undoSteps.first?.z == [5])
  }
}
