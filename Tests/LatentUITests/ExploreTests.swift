import FaceVAE
import ImageIO
import LatentUI
import Testing

@Suite("Explore mode")
struct ExploreTests {
  @Test func slidersAreSortedByKLAndInactiveOnesDimmed() {
    let state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    #expect(state.sliders.map(\.name) == ["z1", "z3", "z2", "z0", "smile"])
    let canvas = state.render()
    let row = canvas.lines.firstIndex { $0.contains(" z0 ") }
    let column = canvas.lines[row ?? 0].firstRange(of: "z0").map {
      canvas.lines[row ?? 0].distance(from: canvas.lines[row ?? 0].startIndex, to: $0.lowerBound)
    }
    #expect(canvas[column: column ?? 0, row: row ?? 0].style == .dim)
    let activeRow = canvas.lines.firstIndex { $0.contains("▸ z1") }
    #expect(activeRow != nil)
  }

  @Test func arrowKeysMoveTheSelectedSliderAndAskForAFace() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    let fine = state.press(.right)
    #expect(faceCodes(fine) == [[0, 0.1, 0, 0]])
    let coarse = state.press(.character("L"), .shiftRight)
    #expect(faceCodes(coarse).last == [0, 1.1, 0, 0])
    #expect(state.render().lines.contains { $0.contains("▸ z1") && $0.contains("+1.10σ") })
    _ = state.press(.down, .character("h"))
    #expect(state.z == [0, 1.1, 0, -0.1])
    _ = state.press(.character("0"))
    #expect(state.z[3] == 0)
    let reset = state.press(.character("R"))
    #expect(state.z == [0, 0, 0, 0] && faceCodes(reset) == [[0, 0, 0, 0]])
  }

  @Test func slidersStopAtThreeSigma() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    for _ in 0..<10 { _ = state.press(.character("L")) }
    #expect(state.z[1] == 3)
    #expect(state.press(.character("L")).isEmpty)
  }

  @Test func attributeSliderMovesAlongItsUnitDirection() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    let effects = state.press(.end, .character("L"))
    #expect(faceCodes(effects) == [[0, 0, 0, 0.5]])
  }

  @Test func randomFaceIsNewEachTimeAndWithinRange() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    let first = faceCodes(state.press(.character("r")))
    let second = faceCodes(state.press(.character("r")))
    #expect(first != second)
    #expect(state.z.allSatisfy { abs($0) <= 3 } && state.z != [0, 0, 0, 0])
  }

  /// `r` after `latent explore --seed S` shows `latent sample --seed S`'s faces, in order.
  @Test func randomFacesAreTheSamplesOfTheSeed() throws {
    let config = try VAEConfig.conv(size: 8, channels: 3, latent: 6)
    let face = FaceModel(vae: try VariationalAutoencoder(config: config, seed: 2))
    for seed: UInt64 in [1, 7, 12345] {
      var state = AppState(
        model: ModelSummary(model: face, name: "toy"), graphicsName: "truecolor", columns: 100,
        rows: 30)
      state.randomSeed = seed
      let samples = face.priorCodes(count: 3, seed: seed)
      for sample in samples {
        let shown = faceCodes(state.press(.character("r")))
        // Values beyond ±3σ stop at the sliders' ends.
        #expect(shown == [sample.map { min(max($0, -3), 3) }], "seed \(seed)")
      }
      #expect(samples[0] == face.priorCodes(count: 1, seed: seed)[0])
    }
  }

  @Test func pagingMovesByAScreenAndKeepsTheSelectionVisible() {
    var state = AppState(
      model: wideModel(dimensions: 40), graphicsName: "truecolor", columns: 80, rows: 20)
    let visible = Layout(state).visibleSliders
    #expect(visible < 40)
    _ = state.press(.pageDown)
    #expect(state.selected == visible)
    let lines = state.render().lines
    #expect(lines.contains { $0.contains("▸ z\(visible) ") }, "\(lines.joined(separator: "\n"))")
    #expect(!lines.contains { $0.contains(" z0 ") })
    _ = state.press(.pageUp)
    #expect(state.selected == 0 && state.render().lines.contains { $0.contains("▸ z0 ") })
  }

  @Test func decodedFaceFillsTheViewportAndNewerResultsWin() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    let first = state.start()
    guard case .decode(let request) = first.first else {
      Issue.record("no decode at start")
      return
    }
    _ = state.update(
      .decoded(
        DecodeResult(
          slot: .face, serial: request.serial, images: [grayFace(200)], milliseconds: 1.5)))
    let canvas = state.render()
    #expect(canvas.images.count == 1)
    #expect(canvas.images.first?.rect == Layout(state).exploreViewport)
    #expect(canvas.lines.contains { $0.contains("decode 1.5 ms") })
    // An older result arriving late does not replace the newer face.
    _ = state.update(
      .decoded(
        DecodeResult(
          slot: .face, serial: request.serial - 1, images: [grayFace(9)], milliseconds: 1)))
    #expect(state.face == grayFace(200))
  }

  @Test func clickingAndDraggingATrackSetsTheValue() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    let layout = Layout(state)
    let row = layout.sliderPanel.row + 1  // z3
    let zero = layout.trackColumn(for: 0)
    _ = state.update(.mouse(MouseEvent(.press, column: zero + 3, row: row)))
    #expect(state.selected == 1 && state.z[3] > 0 && state.dragging == 1)
    let end = layout.track.column + layout.track.width - 1
    let dragged = state.update(.mouse(MouseEvent(.drag, column: end + 5, row: row + 4)))
    #expect(state.z[3] == 3 && faceCodes(dragged) == [[0, 0, 0, 3]])
    _ = state.update(.mouse(MouseEvent(.release, column: end, row: row)))
    #expect(state.update(.mouse(MouseEvent(.drag, column: zero, row: row))).isEmpty)
    _ = state.update(.mouse(MouseEvent(.wheelDown, column: zero, row: row)))
    #expect(state.z[3] == 2.9)
  }
}
