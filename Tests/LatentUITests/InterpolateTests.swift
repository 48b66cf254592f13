import FaceVAE
import ImageIO
import LatentUI
import Testing

@Suite("Interpolate mode")
struct InterpolateTests {
  func opened() -> AppState {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.press(.character("I"))
    return state
  }

  func stripFrames(_ state: inout AppState, count: Int) {
    let serial = state.requestedSerials[.strip] ?? 0
    _ = state.update(
      .decoded(
        DecodeResult(
          slot: .strip, serial: serial, images: (0..<count).map { grayFace(UInt8($0 * 20)) },
          milliseconds: 1)))
  }

  @Test func anImageFileTypedAtThePromptIsEncodedAsEndB() {
    var state = opened()
    _ = state.press(.character("g"))
    #expect(state.render().lines.contains { $0.contains("image file for end B: ") })
    for c in "faces/x.pngg" { _ = state.press(.character(c)) }
    _ = state.press(.backspace)
    let effects = state.press(.enter)
    guard case .decode(let request) = effects.first else {
      Issue.record("no encode request")
      return
    }
    #expect(request.slot == .encode && request.work == .encodeFile("faces/x.png"))
    let strip = state.update(
      .decoded(
        DecodeResult(
          slot: .encode, serial: request.serial, images: [grayFace(1)],
          codes: LatentCodes(row: [1, 2, 3, 0]),
          milliseconds: 3)))
    #expect(state.interpolation.end == [1, 2, 3, 0] && state.interpolation.endLabel == "file")
    guard case .decode(let frames) = strip.first, case .codes(let codes) = frames.work else {
      Issue.record("no new strip")
      return
    }
    #expect(codes.last == [1, 2, 3, 0])
  }

  @Test func spacePlaysAndLoopsOnTicksAndArrowsScrub() {
    var state = opened()
    stripFrames(&state, count: 10)
    _ = state.press(.right, .right)
    #expect(state.interpolation.position == 2)
    _ = state.press(.character(" "))
    for _ in 0..<8 { _ = state.update(.tick) }
    #expect(state.interpolation.position == 0)  // 2 + 8 wraps around 10 frames
    _ = state.press(.left)
    #expect(!state.interpolation.playing && state.interpolation.position == 0)
    let canvas = state.render()
    #expect(canvas.images.count == 11)  // the big face and the strip of 10
    #expect(canvas.lines.contains { $0.contains("frame") && $0.contains("1 of 10") })
  }

  @Test func exportWritesTheFramesAndEnterUsesTheFrame() {
    var state = opened()
    stripFrames(&state, count: 10)
    _ = state.press(.character("x"))
    guard case .export(.frames(let frames, let scale)) = state.press(.character("e")).first else {
      Issue.record("no frames export")
      return
    }
    // The export scale `x` chose applies to the frames too.
    #expect(frames.count == 10 && scale == 8)
    _ = state.press(.character("s"))
    #expect(state.interpolation.spherical && state.interpolation.frames.isEmpty)
    stripFrames(&state, count: 10)
    _ = state.press(.right)
    let effects = state.press(.enter)
    #expect(state.mode == .explore && faceCodes(effects).count == 1)
  }
}
