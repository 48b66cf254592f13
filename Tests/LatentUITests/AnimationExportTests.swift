import FaceVAE
import ImageIO
import LatentUI
import Testing

@Suite("GIF export (G)")
struct AnimationExportTests {
  /// The codes of the animation decode request among `effects`.
  func animationCodes(_ effects: [AppEffect]) -> (serial: Int, codes: LatentCodes)? {
    effects.lazy.compactMap { effect -> (Int, LatentCodes)? in
      guard case .decode(let request) = effect, request.slot == .animation,
        case .codes(let codes) = request.work
      else { return nil }
      return (request.serial, codes)
    }.first
  }

  /// The animation among `effects`.
  func exported(_ effects: [AppEffect]) -> AnimationExport? {
    effects.lazy.compactMap { effect -> AnimationExport? in
      guard case .export(.animation(let animation)) = effect else { return nil }
      return animation
    }.first
  }

  /// Answers an animation request with faces of gray levels 0, 1, 2, …
  func decodeFrames(_ state: inout AppState, serial: Int, count: Int) -> [AppEffect] {
    state.update(
      .decoded(
        DecodeResult(
          slot: .animation, serial: serial, images: (0..<count).map { grayFace(UInt8($0)) },
          milliseconds: 1)))
  }

  @Test func exploreSweepsTheSelectedSliderFromMinusToPlusThreeSigmaAndBack() throws {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.start()
    // The second slider is z3 (KL order z1, z3, z2, z0); z1 stays where it was moved.
    _ = state.press(.right, .down, .character("x"))
    let (serial, codes) = try #require(animationCodes(state.press(.character("G"))))
    #expect(codes.count == 21)
    #expect(codes.first == [0, 0.1, 0, -3] && codes.last == [0, 0.1, 0, 3])
    #expect(codes[10] == [0, 0.1, 0, 0])
    #expect(state.message?.contains("z3") == true)
    let animation = try #require(exported(decodeFrames(&state, serial: serial, count: 21)))
    // There and back: 0 … 20 … 1, ready to loop.
    #expect(animation.frames.map { $0.pixels[0] } == Array(0...20) + Array((1...19).reversed()))
    #expect(animation.scale == 8 && animation.name == "sweep_z3")
    #expect(animation.codes == ["": LatentCodeFile(model: "toy", code: [0, 0.1, 0, 0])])
    #expect(state.pendingAnimation == nil)
    // A late duplicate of the answer exports nothing more.
    #expect(exported(decodeFrames(&state, serial: serial, count: 21)) == nil)
  }

  @Test func anAttributeSliderSweepsAlongItsDirection() throws {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.press(.end)
    #expect(state.sliders[state.selected].name == "smile")
    let (_, codes) = try #require(animationCodes(state.press(.character("G"))))
    // Along the unit direction of smile, (0, 0, 0, 1).
    #expect(codes.first == [0, 0, 0, -3] && codes.last == [0, 0, 0, 3])
    #expect(state.pendingAnimation?.name == "sweep_smile")
  }

  @Test func vExportsTheSameFramesAsAnMP4Video() throws {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.press(.character("I"))
    let serial = state.requestedSerials[.strip] ?? 0
    _ = state.update(
      .decoded(
        DecodeResult(
          slot: .strip, serial: serial, images: (0..<10).map { grayFace(UInt8($0)) },
          milliseconds: 1)))
    let video = try #require(exported(state.press(.character("V"))))
    #expect(video.format == .mp4)
    #expect(state.message == "writing the interpolation as an MP4 video…")
    let gif = try #require(exported(state.press(.character("G"))))
    #expect(gif.format == .gif && gif.frames == video.frames && gif.codes == video.codes)
    // Explore's sweep: decoded first, then written as a video.
    _ = state.press(.character("E"))
    let sweep = state.press(.character("V"))
    #expect(state.message?.hasPrefix("making an MP4 video of") == true)
    #expect(state.pendingAnimation?.format == .mp4)
    #expect(sweep.contains { if case .decode(let r) = $0 { r.slot == .animation } else { false } })
  }

  @Test func interpolateExportsItsFramesThereAndBackWithBothEnds() throws {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.press(.right, .character("I"))
    #expect(exported(state.press(.character("G"))) == nil)
    #expect(state.message == "no frames to export yet")
    let serial = state.requestedSerials[.strip] ?? 0
    _ = state.update(
      .decoded(
        DecodeResult(
          slot: .strip, serial: serial, images: (0..<10).map { grayFace(UInt8($0)) },
          milliseconds: 1)))
    _ = state.press(.character("x"), .character("x"), .character("x"))
    let animation = try #require(exported(state.press(.character("G"))))
    #expect(animation.frames.map { $0.pixels[0] } == Array(0...9) + Array((1...8).reversed()))
    #expect(animation.scale == 2 && animation.name == "interpolation")
    let start = try #require(state.interpolation.start)
    let end = try #require(state.interpolation.end)
    #expect(start == [0, 0.1, 0, 0])
    #expect(
      animation.codes == [
        ".a": LatentCodeFile(model: "toy", code: start),
        ".b": LatentCodeFile(model: "toy", code: end),
      ])
  }

  @Test func traverseExportsTheCursorsRowAroundTheGridsCentre() throws {
    var state = AppState(
      model: wideModel(dimensions: 6), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.press(.right, .character("T"), .down, .down)
    let d = state.traverse.dimensions[2]
    let (serial, codes) = try #require(animationCodes(state.press(.character("G"))))
    var center: [Float] = [0.1, 0, 0, 0, 0, 0]
    #expect(state.traverse.center == center)
    for (code, value) in zip(codes, AnimationExport.sweepValues) {
      center[d] = value
      #expect(code == center)
    }
    let animation = try #require(exported(decodeFrames(&state, serial: serial, count: 21)))
    #expect(animation.name == "traverse_z\(d)" && animation.frames.count == 40)
    #expect(animation.scale == 4)
  }

  @Test func browseHasNoGIFKey() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.press(.character("B"))
    #expect(state.press(.character("G")).isEmpty && state.pendingAnimation == nil)
    #expect(KeyBinding.action(for: .character("G"), in: .browse) == nil)
  }

  @Test func namesKeepOnlyFileNameCharacters() {
    #expect(AnimationExport.fileNamePart("z12") == "z12")
    #expect(AnimationExport.fileNamePart("../eyes open") == "___eyes_open")
  }
}
