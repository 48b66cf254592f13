import FaceVAE
import ImageIO
import LatentUI
import Testing

/// `t`, `c` and `o` as data: the held-out ELBO figures beside the model's record, the run's
/// own checkpoint in the cancel message, revert, and the held-out strip.
@Suite("Retraining on the screen")
struct RetrainingScreenTests {
  func state(recorded: Double? = -6838.3, heldOut: [Int] = [3, 8, 11]) -> AppState {
    var model = fourDimensionModel()
    model.recordedValidationELBO = recorded
    var state = AppState(
      model: model, graphicsName: "truecolor", columns: 100, rows: 30, hasData: true,
      datasetCount: 20)
    state.heldOut = HeldOutStrip(items: heldOut)
    return state
  }

  /// The queue's status of run `run` with held-out ELBOs `elbos` recorded in order.
  func status(
    run: Int, _ phase: TrainingStatus.Phase, elbos: [Double],
    start: TrainingStatus.OptimizerStart? = .warmUp, checkpoint: String? = nil
  ) -> TrainingStatus {
    var status = TrainingStatus()
    status.run = run
    status.phase = phase
    status.optimizerStart = start
    for elbo in elbos { status.heldOutELBO.record(elbo) }
    status.checkpointPath = checkpoint
    status.checkpointEpoch = checkpoint == nil ? nil : 201
    return status
  }

  func ruleLine(_ state: AppState) -> String {
    state.render().lines[Layout(state).trainingRow - 1]
  }

  @Test func figuresTakeTheFirstAsStartTheNewestAsNowAndTheHighestAsBest() {
    var figures = ELBOFigures()
    #expect(figures.start == nil && figures.now == nil && figures.best == nil)
    figures.record(-6850)
    #expect(figures.start == -6850 && figures.now == -6850 && figures.best == -6850)
    figures.record(-6830)
    figures.record(-6845)
    #expect(figures.start == -6850 && figures.now == -6845 && figures.best == -6830)
    figures.record(-.infinity)
    #expect(figures.now == -.infinity && figures.best == -6830)
  }

  @Test func theFiguresStandBesideTheRecordAndStayWhenTheRunEnds() {
    var state = state()
    _ = state.press(.character("t"))
    _ = state.update(.trainingStatus(status(run: 1, .running, elbos: [-6851.24])))
    #expect(
      state.message?.contains("no stored optimizer state, so the learning rate warms up") == true)
    var line = ruleLine(state)
    #expect(line.contains("held-out ELBO start -6851.2 now -6851.2 best -6851.2"))
    #expect(line.contains("· the model's own -6838.3 is better by 12.9"))

    _ = state.update(
      .trainingStatus(status(run: 1, .running, elbos: [-6851.24, -6836.0, -6837.5])))
    line = ruleLine(state)
    #expect(line.contains("start -6851.2 now -6837.5 best -6836.0"))
    #expect(line.contains("· now beats the model's own -6838.3 by 0.8"))

    _ = state.update(
      .trainingStatus(
        status(run: 1, .finished(.completed), elbos: [-6851.24, -6836.0, -6837.5])))
    #expect(ruleLine(state) == line)
    // A mode change or a new face does not take them away either.
    _ = state.press(.character("B"), .character("E"))
    #expect(ruleLine(state) == line)
  }

  @Test func theStartSaysWhenAdamsStoredStateContinues() {
    var state = state()
    _ = state.press(.character("t"))
    _ = state.update(
      .trainingStatus(status(run: 1, .running, elbos: [-6840], start: .restored(step: 680))))
    #expect(state.message?.contains("continues the stored Adam state (step 680)") == true)
    // How the optimizer started, where the screen is wide enough.
    _ = state.update(.resize(columns: 130, rows: 30))
    #expect(ruleLine(state).contains("(Adam continued)"))
  }

  @Test func withoutARecordTheFiguresMakeNoComparison() {
    var state = state(recorded: nil)
    _ = state.update(.trainingStatus(status(run: 1, .running, elbos: [-500])))
    #expect(ruleLine(state).contains("start -500.0") && !ruleLine(state).contains("model's own"))
  }

  @Test func cancellingNamesThisRunsCheckpointOrNone() {
    var state = state()
    _ = state.press(.character("t"))
    _ = state.update(
      .trainingStatus(
        status(run: 1, .finished(.completed), elbos: [-1], checkpoint: "m.ckpt.safetensors")))
    #expect(state.message?.contains("checkpoint m.ckpt.safetensors (epoch 201)") == true)

    // The second run is cancelled before its first epoch ends: the queue reports no checkpoint.
    _ = state.press(.character("t"))
    _ = state.update(.trainingStatus(status(run: 2, .running, elbos: [-1])))
    #expect(state.press(.character("c")) == [.cancelTraining])
    #expect(state.message == "cancelling training…")
    _ = state.update(
      .trainingStatus(status(run: 2, .finished(.cancelled(epoch: 1, step: 3)), elbos: [-1])))
    let message = state.message ?? ""
    #expect(message.contains("training cancelled at epoch 1 step 3"))
    #expect(message.contains("this run wrote no checkpoint") && !message.contains("m.ckpt"))
    let trainingLine = state.render().lines[Layout(state).trainingRow]
    #expect(trainingLine.contains("this run wrote no checkpoint"))
  }

  @Test func oRevertsToTheOpenedWeightsOnlyWhenNoRunGoes() {
    var state = state()
    _ = state.press(.character("t"))
    _ = state.update(.trainingStatus(status(run: 1, .running, elbos: [-1])))
    _ = state.update(.weightsPublished(generation: 4, epoch: 8))
    #expect(state.press(.character("o")).isEmpty)
    #expect(state.message?.contains("cancels it, then o reverts") == true)
    #expect(state.weightsGeneration == 4)

    _ = state.update(.trainingStatus(status(run: 1, .finished(.completed), elbos: [-1])))
    let effects = state.press(.character("o"))
    #expect(effects.first == .revertWeights)
    #expect(faceCodes(effects).count == 1)
    #expect(state.weightsGeneration == 0 && state.weightsEpoch == 7)
    #expect(state.message?.contains("reverted to the opened model's weights (epoch 7)") == true)
    #expect(
      state.render().lines[0].contains("epoch 7 ·") && !state.render().lines[0].contains("gen"))
    // Nothing left to keep, and nothing more to revert.
    _ = state.press(.character("w"))
    #expect(state.prompt == nil && state.message?.contains("no new weights") == true)
    #expect(state.press(.character("o")).isEmpty)
  }

  /// The decode requests of the held-out strip among `effects`.
  func heldOutRequests(_ effects: [AppEffect]) -> [[Int]] {
    effects.compactMap { effect in
      guard case .decode(let request) = effect, request.slot == .heldOut,
        case .reconstruct(let items) = request.work
      else { return nil }
      return items
    }
  }

  @Test func theHeldOutStripShowsOnceARunStartsAndFollowsNewWeights() throws {
    var state = state(heldOut: Array(0..<9).map { $0 * 2 })
    // Before any run: no strip, and the face has the whole column.
    #expect(!state.showsHeldOutStrip)
    let layout = Layout(state)
    #expect(layout.exploreFace(heldOutCount: 0) == layout.exploreViewport)

    let started = state.press(.character("t"))
    #expect(started.first == .startTraining)
    // The first six held-out images, always the same ones.
    #expect(heldOutRequests(started) == [[0, 2, 4, 6, 8, 10]])
    guard case .decode(let request) = started.last else {
      Issue.record("no held-out request")
      return
    }
    let originals = (0..<6).map { grayFace(UInt8(10 + $0)) }
    let reconstructions = (0..<6).map { grayFace(UInt8(100 + $0)) }
    _ = state.update(
      .decoded(
        DecodeResult(
          slot: .heldOut, serial: request.serial, images: reconstructions, originals: originals,
          milliseconds: 1)))
    _ = state.update(
      .decoded(DecodeResult(slot: .face, serial: 99, images: [grayFace(200)], milliseconds: 1)))
    let canvas = state.render()
    let face = layout.exploreFace(heldOutCount: 6)
    #expect(canvas.images.first?.rect == face)
    #expect(face.rows < layout.exploreViewport.rows && face.column == layout.exploreViewport.column)
    for index in 0..<6 {
      let above = try #require(layout.heldOutRect(index: index, count: 6, reconstruction: false))
      let below = try #require(layout.heldOutRect(index: index, count: 6, reconstruction: true))
      #expect(canvas.images.contains(CanvasImage(rect: above, image: originals[index])))
      #expect(canvas.images.contains(CanvasImage(rect: below, image: reconstructions[index])))
      // Under the face, inside its column, never over the sliders.
      #expect(above.row >= face.row + face.rows && below.row == above.row + above.rows)
      #expect(below.column + below.columns <= layout.sliderPanel.column)
      #expect(below.row + below.rows <= layout.content.row + layout.content.rows)
    }
    #expect(canvas.lines[layout.heldOutStrip(count: 6)!.captionRow].contains("held out"))
    // New weights: the strip is reconstructed with them.
    #expect(heldOutRequests(state.update(.weightsPublished(generation: 1, epoch: 8))).count == 1)
  }

  @Test func onATinyTerminalTheStripGivesWayToTheFace() {
    var state = state()
    _ = state.update(.resize(columns: 60, rows: 16))
    _ = state.press(.character("t"))
    #expect(state.showsHeldOutStrip)
    // 10 content rows: a strip of 3 faces (1 + 2 × 3 rows) would leave the face 3 rows.
    let layout = Layout(state)
    #expect(layout.heldOutStrip(count: 3) == nil)
    #expect(layout.exploreFace(heldOutCount: 3) == layout.exploreViewport)
    #expect(
      state.render().images.count == 0
        || state.render().images.allSatisfy {
          $0.rect == layout.exploreViewport
        })
  }
}
