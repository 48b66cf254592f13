import LatentUI
import Testing

@Suite("Typing a slider's value")
struct TypedValueTests {
  func state() -> AppState {
    AppState(model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
  }

  /// Types `text` at the prompt character by character.
  func type(_ text: String, into state: inout AppState) -> [AppEffect] {
    text.flatMap { state.press(.character($0)) }
  }

  @Test func equalsOpensAPromptNamedAfterTheSliderAndEnterSetsTheValue() {
    var state = state()
    _ = state.press(.down, .character("="))
    #expect(state.keyContext == .prompt)
    _ = type("-1.25", into: &state)
    let statusRow = Layout(state).statusRow
    #expect(state.render().lines[statusRow].contains("z3 = -1.25"))
    let effects = state.press(.enter)
    #expect(state.prompt == nil && state.z == [0, 0, 0, -1.25])
    #expect(faceCodes(effects) == [[0, 0, 0, -1.25]])
    #expect(state.message == "z3 = -1.25σ")
    // One undo step.
    _ = state.press(.character("u"))
    #expect(state.z == [0, 0, 0, 0])
  }

  @Test func signsSigmaAndOutOfRangeValues() {
    var state = state()
    _ = state.press(.character("="))
    _ = type(" −0.5σ ", into: &state)
    _ = state.press(.enter)
    #expect(state.z[1] == -0.5)
    _ = state.press(.character("="))
    _ = type("+7", into: &state)
    _ = state.press(.enter)
    #expect(state.z[1] == 3)
    #expect(state.message == "z1 = +3.00σ (sliders stop at ±3σ)")
  }

  @Test func aBadNumberSaysSoAndChangesNothing() {
    var state = state()
    for text in ["abc", "1.2.3", "nan", "", "inf"] {
      _ = state.press(.character("="))
      #expect(type(text, into: &state).isEmpty)
      #expect(state.press(.enter).isEmpty, "\(text)")
      #expect(state.z == [0, 0, 0, 0] && state.messageStyle == .warning, "\(text)")
      #expect(state.message?.hasPrefix("z1: '\(text)' is not a number") == true, "\(text)")
    }
  }

  @Test func escapeCancelsAndLeavesTheSliderAlone() {
    var state = state()
    _ = state.press(.character("="))
    _ = type("2", into: &state)
    #expect(state.press(.escape).isEmpty)
    #expect(state.prompt == nil && state.z == [0, 0, 0, 0] && state.mode == .explore)
  }

  @Test func attributeSlidersTakeTypedValuesToo() {
    var state = state()
    _ = state.press(.end, .character("="))
    #expect(state.prompt?.caption == "smile = ")
    _ = type("1", into: &state)
    #expect(faceCodes(state.press(.enter)) == [[0, 0, 0, 1]])
  }
}
