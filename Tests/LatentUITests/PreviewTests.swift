import ImageIO
import LatentUI
import Testing

@Suite("The ±2σ previews of the selected slider")
struct PreviewTests {
  func state(columns: Int = 100, rows: Int = 30) -> AppState {
    AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: columns, rows: rows)
  }

  /// The codes of preview requests among `effects`, one list per request.
  func previewCodes(_ effects: [AppEffect]) -> [[[Float]]] {
    effects.compactMap { effect in
      guard case .decode(let request) = effect, request.slot == .preview,
        case .codes(let codes) = request.work
      else { return nil }
      return codes.map { $0 }
    }
  }

  @Test func theSelectedSliderAloneGoesToMinusAndPlusTwoSigma() {
    var state = state()
    #expect(previewCodes(state.start()) == [[[0, -2, 0, 0], [0, 2, 0, 0]]])
    // Moving the previewed slider leaves its previews as they are: nothing to decode.
    #expect(previewCodes(state.press(.right, .character("L"))).isEmpty)
    // Another slider: its previews keep the first slider where it is.
    #expect(previewCodes(state.press(.down)) == [[[0, 0.6, 0, -2], [0, 0.6, 0, 2]]])
    #expect(
      previewCodes(state.press(.up, .down)) == [
        [[0, -2, 0, 0], [0, 2, 0, 0]], [[0, 0.6, 0, -2], [0, 0.6, 0, 2]],
      ])
    // An attribute slider moves the code along its direction.
    _ = state.press(.character("0"))
    #expect(previewCodes(state.press(.end)) == [[[0, 0.6, 0, -2], [0, 0.6, 0, 2]]])
  }

  @Test func decodedPreviewsSitUnderTheirValuesOnTheTrack() {
    var state = state()
    let effects = state.start()
    guard case .decode(let request) = effects.last, request.slot == .preview else {
      Issue.record("no preview request at start")
      return
    }
    _ = state.update(
      .decoded(
        DecodeResult(
          slot: .preview, serial: request.serial, images: [grayFace(1), grayFace(2)],
          milliseconds: 1)))
    let layout = Layout(state)
    let canvas = state.render()
    let shown = canvas.images.filter { layout.previewRects.contains($0.rect) }
    #expect(shown.map(\.image) == [grayFace(1), grayFace(2)])
    let minus = layout.previewRects[0]
    let plus = layout.previewRects[1]
    #expect(minus.column + minus.columns <= layout.trackColumn(for: 0))
    #expect(plus.column > layout.trackColumn(for: 0))
    #expect(minus.contains(column: layout.trackColumn(for: -2), row: minus.row))
    #expect(plus.contains(column: layout.trackColumn(for: 2), row: plus.row))
    let caption = canvas.lines[minus.row - 1]
    #expect(caption.contains("z1") && caption.contains("-2.00σ") && caption.contains("+2.00σ"))
    // The slider rows end above the previews.
    let panel = layout.sliderPanel
    #expect(panel.row + panel.rows < minus.row)
    // Another slider chosen: the old slider's previews go until the new ones arrive.
    _ = state.press(.down)
    #expect(state.render().images.allSatisfy { !layout.previewRects.contains($0.rect) })
  }

  @Test func aClickOnAPreviewSetsTheSliderToItsValue() {
    var state = state()
    let plus = Layout(state).previewRects[1]
    let effects = state.update(.mouse(MouseEvent(.press, column: plus.column, row: plus.row)))
    #expect(faceCodes(effects) == [[0, 2, 0, 0]])
  }

  @Test func noPreviewsInOtherModesOrWhenTheScreenIsShort() {
    var state = state()
    _ = state.start()
    _ = state.press(.down)
    let away = state.press(.character("T"), .character("I"), .character("B"), .character("T"))
    #expect(previewCodes(away + state.press(.right)).isEmpty)
    // Back in Explore with z1 set from Traverse's cell: z3's previews of the new code.
    #expect(previewCodes(state.press(.enter)) == [[[0, 1, 0, -2], [0, 1, 0, 2]]])
    var short = self.state(columns: 60, rows: 16)
    #expect(Layout(short).previewRects.isEmpty)
    #expect(previewCodes(short.start() + short.press(.down)).isEmpty)
  }
}
