import BackgroundWork
import FaceData
import FaceVAE
import LatentBasics
import LatentUI
import TerminalGraphics
import Dispatch
import Glibc
import FoundationEssentials

/// The explorer's screen loop: owns ncurses on the main thread, feeds input, decoded faces
/// and training status into ``AppState/update(_:)``, carries out the effects, and draws.
package final class Explorer {
  private let options: ExplorerOptions
  private var state: AppState
  private var layer: ImageLayer
  private var input = InputDecoder()
  private let wakePipe: WakePipe
  private let decoder: FaceDecoder
  private let exports: ExportQueue
  private let training: TrainingQueue
  /// Saves kept weights (`w`) away from the screen's thread.
  private let saver: WeightSaver
  /// Recomputes SeFa for weights swapped in (nil when the model cannot be copied).
  private let directions: DirectionWorker?
  /// The weights generation of the save under way (for its message).
  private var savingGeneration = 0
  /// How `t` continues the model on the `--data` images (nil without them).
  private let retraining: RetrainingPlan?
  private var seenStatus = TrainingStatus()
  private var seenGeneration = 0
  private var running = true
  private var repaintAll = true
  /// The canvas drawn last: its faces' places and text lines decide what a new one repaints.
  private var lastCanvas: Canvas?
  private var lastTick = DispatchTime.now().uptimeNanoseconds
  private var statistics = FrameStatistics()
  /// When the input behind each pending face request was read (serial → ns).
  private var inputTimes: [Int: UInt64] = [:]
  private var shownFaceSerial = 0
  /// Whether this turn asked the decoder for the main face.
  private var faceRequested = false

  /// Milliseconds between ticks (playback speed, status refresh).
  static let tickMilliseconds = 100
  /// Milliseconds a turn that asked for the main face waits for it before drawing, so that a
  /// key's new slider and its face reach the screen in one frame (one face decodes in well
  /// under a millisecond; a slower one, behind new weights or a reconstruction, comes in a
  /// later frame).
  static let faceWaitMilliseconds = 3

  /// An explorer for `options` drawing faces with `graphics` (a concrete mode).
  package init(options: ExplorerOptions, capabilities: TerminalCapabilities) throws {
    self.options = options
    guard let pipe = WakePipe() else { throw LatentError(.inputOutput, "cannot create a pipe") }
    wakePipe = pipe
    let mode = capabilities.choose(override: options.graphics).mode
    let renderer = FaceRenderer(
      mode: mode, cellSize: capabilities.cellPixelSize, sixelColors: capabilities.sixelPaletteSize)
    layer = ImageLayer(renderer: renderer)
    do {
      decoder = try FaceDecoder(
        config: options.model.config, weights: options.model.vae.weightValues(),
        dataset: options.dataset
      ) { [pipe] in pipe.wake() }
    } catch {
      throw LatentError(.model, "cannot copy the model: \(error.description)")
    }
    training = TrainingQueue { [pipe] in pipe.wake() }
    saver = WeightSaver { [pipe] in pipe.wake() }
    exports = ExportQueue(exporter: Exporter(folder: options.exportFolder)) { [pipe] in
      pipe.wake()
    }
    retraining = options.dataset.map {
      RetrainingPlan(model: options.model, dataset: $0, explorerSettings: options.training)
    }
    let cell = capabilities.cellPixelSize
    state = AppState(
      model: ModelSummary(model: options.model, name: options.modelName),
      graphicsName: mode.rawValue, columns: 80, rows: 24,
      cellAspect: mode.drawsPixels ? Double(cell.height) / Double(max(1, cell.width)) : 2,
      hasData: options.dataset != nil, datasetCount: options.dataset?.count ?? 0,
      datasetLabels: options.dataset?.labels ?? [])
    var bookmarkWarning: String?
    directions = try? DirectionWorker(model: options.model, banks: state.model.banks) {
      [pipe] in pipe.wake()
    }
    state.randomSeed = options.randomSeed
    do {
      let saved = try Bookmarks.load(
        besideModel: options.modelPath, dimensions: options.model.vae.latentDimensions)
      state.bookmarks = Dictionary(
        saved.entries.map { ($0.name, $0.code) }, uniquingKeysWith: { first, _ in first })
    } catch {
      bookmarkWarning = error.description
    }
    state.datasetLabelNames = options.dataset?.labelNames ?? []
    state.homeFolder = getenv("HOME").map { String(cString: $0) }
    state.heldOut = HeldOutStrip(items: retraining?.heldOutItems ?? [])
    if let start = options.startingCode {
      let file = start.file.split(separator: "/").last.map(String.init) ?? start.file
      _ = state.jump(to: start.code, from: file)
    }
    let warning = options.startupWarning ?? bookmarkWarning
    state.message = warning ?? options.startupNote ?? state.message
    if warning != nil { state.messageStyle = .warning }
  }

  /// Runs until the user quits or a signal asks to stop; returns the exit status.
  package func run() -> Int32 {
    TerminalGuard.install()
    Curses.start()
    if !Curses.hasColors && !layer.renderer.mode.drawsPixels {
      layer.renderer.mode = .ascii
      state.graphicsName = "ascii"
    }
    let size = Curses.size
    state.columns = size.columns
    state.rows = size.rows
    perform(state.start(), inputTime: nil)
    while running {
      wakePipe.wait(terminal: STDIN_FILENO, milliseconds: Self.tickMilliseconds)
      if TerminalGuard.pendingTermination != nil { break }
      wakePipe.drain()
      step()
    }
    finish()
    return 0
  }

  /// One turn: gather events, update, draw.
  private func step() {
    var events: [(AppEvent, UInt64?)] = []
    while let raw = Curses.readInput() {
      let now = DispatchTime.now().uptimeNanoseconds
      if raw == .keyCode(KeyCodes.resize) {
        let size = Curses.size
        events.append((.resize(columns: size.columns, rows: size.rows), nil))
        repaintAll = true
        continue
      }
      events += input.decode(raw).map { ($0, now) }
    }
    events += input.flush().map { ($0, DispatchTime.now().uptimeNanoseconds) }
    let status = training.status()
    if status != seenStatus {
      seenStatus = status
      events.append((.trainingStatus(status), nil))
    }
    if let snapshot = training.latestSnapshot(), snapshot.generation > seenGeneration {
      seenGeneration = snapshot.generation
      decoder.load(snapshot)
      directions?.submit(snapshot)
      events.append(
        (.weightsPublished(generation: snapshot.generation, epoch: snapshot.epoch), nil))
    }
    events += decoder.takeResults().map { (.decoded($0), nil) }
    if let computed = directions?.takeResult() {
      events.append(
        (.directionsComputed(generation: computed.generation, banks: computed.banks), nil))
    }
    if let saved = saver.takeResult() {
      let generation = savingGeneration
      events.append((.weightsKept(saved.map { $0 + " (weights gen \(generation))" }), nil))
    }
    events += exports.takeResults().map { (.exported($0), nil) }
    let now = DispatchTime.now().uptimeNanoseconds
    if now - lastTick >= UInt64(Self.tickMilliseconds) * 1_000_000 {
      lastTick = now
      events.append((.tick, nil))
    }
    for (event, time) in events {
      perform(state.update(event), inputTime: time)
      if !running { return }
    }
    awaitRequestedFace()
    if !events.isEmpty { draw() }
  }

  /// Waits up to ``faceWaitMilliseconds`` for the face this turn asked for, taking every
  /// result the decoder finishes meanwhile.
  private func awaitRequestedFace() {
    guard faceRequested else { return }
    faceRequested = false
    let deadline =
      DispatchTime.now().uptimeNanoseconds + UInt64(Self.faceWaitMilliseconds) * 1_000_000
    while running {
      let results = decoder.takeResults()
      for result in results { perform(state.update(.decoded(result)), inputTime: nil) }
      if results.contains(where: { $0.slot == .face }) { return }
      let now = DispatchTime.now().uptimeNanoseconds
      guard now < deadline else { return }
      // Keys typed meanwhile wait for the next turn.
      wakePipe.wait(milliseconds: Int((deadline - now + 999_999) / 1_000_000))
      wakePipe.drain()
    }
  }

  /// Carries out effects.
  private func perform(_ effects: [AppEffect], inputTime: UInt64?) {
    for effect in effects {
      switch effect {
      case .decode(let request):
        if request.slot == .face {
          faceRequested = true
          if let inputTime { inputTimes[request.serial] = inputTime }
        }
        decoder.submit(request)
      case .export(let request): exports.submit(request)
      case .startTraining: startTraining()
      case .cancelTraining: training.cancel()
      case .revertWeights:
        // The update asks only when no run goes; the decoder loads them before the next face.
        if training.forgetRuns() {
          let opened = WeightSnapshot(
            generation: 0, values: options.model.vae.weightValues(), epoch: state.model.epochs)
          decoder.load(opened)
          directions?.submit(opened)
        }
      case .keepWeights(let overwrite):
        if let refusal = startKeepingWeights(overwrite: overwrite) {
          perform(state.update(.weightsKept(.failure(refusal))), inputTime: nil)
        }
      case .saveBookmark(let name, let code):
        perform(
          state.update(.bookmarkSaved(name: name, code: code, saveBookmark(name, code: code))),
          inputTime: nil)
      case .quit: running = false
      }
    }
  }

  /// Starts a run from the weights shown: the opened model's with its stored optimizer state
  /// (or a learning-rate warm-up without one), or the last run's with the state it ended with.
  private func startTraining() {
    guard let dataset = options.dataset, let retraining else { return }
    let model = options.model
    let snapshot = training.latestSnapshot()
    let record = model.training
    let kl = model.klPerDimension
    let codes = model.codes
    let labels = model.codeLabels
    let attributes = model.attributes
    var job = retraining.job(
      config: model.config, weights: snapshot?.values ?? model.vae.weightValues(),
      dataset: dataset, previousEpochs: state.weightsEpoch,
      state: snapshot == nil ? model.trainingState : training.stateAfterLastRun())
    job.publishEverySteps = 10
    job.checkpointPath = options.checkpointPath
    job.checkpointExtras = { vae in
      FaceModel(
        vae: vae, training: record, klPerDimension: kl, codes: codes, codeLabels: labels,
        attributes: attributes)
    }
    job.earlierEpochs = snapshot?.epochs ?? []
    training.start(job)
  }

  /// Starts saving the newest trained weights in the background: over the model file only
  /// when `overwrite` (the user confirmed it), else to a new file beside it. The outcome comes
  /// back as ``AppEvent/weightsKept(_:)`` in a later ``step()``; the reason when nothing starts.
  private func startKeepingWeights(overwrite: Bool) -> LatentError? {
    guard let snapshot = training.latestSnapshot() else {
      return LatentError(.unsupported, "no new weights to keep")
    }
    var keeper = WeightKeeper(
      modelPath: options.modelPath, model: options.model,
      dataDescription: options.dataDescription, dataset: options.dataset,
      settings: retraining?.settings ?? options.training)
    keeper.heldOutImages = retraining?.heldOutItems.count ?? 0
    keeper.heldOutFiles =
      retraining.flatMap { plan in options.dataset?.recordNames(of: plan.heldOutItems) } ?? []
    if let destination = options.modelDestination { keeper.modelDestination = destination }
    guard saver.start(keeper, snapshot: snapshot, overwrite: overwrite) else {
      return LatentError(.unsupported, "the weights are still being saved: wait for it")
    }
    savingGeneration = snapshot.generation
    return nil
  }

  /// Adds `code` as bookmark `name` to the bookmark file beside the model (read afresh, so
  /// that bookmarks another process saved stay); the file's path, or why not.
  private func saveBookmark(_ name: String, code: [Float]) -> Result<String, LatentError> {
    do {
      var bookmarks = try Bookmarks.load(besideModel: options.modelPath, dimensions: code.count)
      try bookmarks.add(name, code: code)
      let path = Bookmarks.path(besideModel: options.modelPath)
      try bookmarks.write(to: path)
      return .success(path)
    } catch {
      return .failure(error)
    }
  }

  /// Renders the state and writes it: ncurses text first, then the faces. A canvas like the
  /// one drawn last is not painted again (a tick that changed nothing on the screen).
  private func draw() {
    let canvas = state.render()
    if canvas == lastCanvas, !repaintAll {
      noteShownFace()
      return
    }
    let last = lastCanvas
    lastCanvas = canvas
    if canvas.images.map(\.rect) != (last?.images.map(\.rect) ?? []) {
      // Faces moved or went away: repaint everything so no stale pixels stay behind.
      repaintAll = true
    }
    if !canvas.images.isEmpty,
      LineMoves.mightScroll(from: last?.lines ?? [], to: canvas.lines)
    {
      // ncurses would scroll text lines and the faces beside them: draw everything afresh.
      repaintAll = true
    }
    if repaintAll {
      if layer.renderer.mode == .kitty { Curses.write(layer.deleteKittyImages()) }
      layer.invalidate()
    }
    Curses.paint(canvas, repaintAll: repaintAll)
    repaintAll = false
    let bytes = layer.bytes(for: canvas)
    if !bytes.isEmpty {
      Curses.write(bytes)
      statistics.faceBytes.append(bytes.count)
    }
    statistics.frames += 1
    noteShownFace()
  }

  /// Records how long the newest face on screen took from its input.
  private func noteShownFace() {
    let faceSerial = state.acceptedSerials[.face] ?? 0
    if faceSerial > shownFaceSerial {
      shownFaceSerial = faceSerial
      let now = DispatchTime.now().uptimeNanoseconds
      if let start = inputTimes[faceSerial] {
        statistics.keyToFace.append(Double(now - start) / 1e6)
      }
      inputTimes = inputTimes.filter { $0.key > faceSerial }
    }
  }

  private func finish() {
    // An export asked for just before quitting (a GIF takes a moment) is still written.
    exports.waitUntilIdle()
    if training.status().isActive {
      training.cancel()
      training.waitUntilIdle()
    }
    // A save under way finishes: quitting never leaves half a model file.
    saver.waitUntilIdle()
    if layer.renderer.mode == .kitty { Curses.write(layer.deleteKittyImages()) }
    Curses.stop()
    if let path = options.statisticsPath {
      try? statistics.report().write(toFile: path, atomically: true, encoding: .utf8)
    }
  }
}
