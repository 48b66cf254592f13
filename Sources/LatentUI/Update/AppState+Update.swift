import FaceVAE
import LatentBasics
/// The one place the state changes: every event in, the effects to carry out back.
extension AppState {
  /// Applies `event` and returns the work the backend must do.
  package mutating func update(_ event: AppEvent) -> [AppEffect] {
    switch event {
    case .key(let key): return handle(key)
    case .mouse(let mouse):
      if mouse.action != .release { clearMessage() }
      return handle(mouse) + previewEffects()
    case .resize(let newColumns, let newRows):
      columns = max(1, newColumns)
      rows = max(1, newRows)
      dragging = nil
      clampScroll()
      return refreshModeImages()
    case .tick: return tick()
    case .decoded(let result): return accept(result)
    case .weightsPublished(let generation, let epoch):
      guard generation > weightsGeneration else { return [] }
      weightsGeneration = generation
      weightsEpoch = epoch
      return [requestFace()] + refreshModeImages() + requestHeldOut()
    case .trainingStatus(let status):
      let previous = training
      training = status
      if status.run > previous.run { say(TrainingText.start(status)) }
      if previous.isActive || status.run > previous.run, let ending = TrainingText.ending(status) {
        say(ending, .good)
      }
      return []
    case .bookmarkSaved(let name, let code, let result): return bookmarkSaved(name, code, result)
    case .directionsComputed(let generation, let banks):
      return directionsComputed(generation, banks)
    case .exported(let result), .weightsKept(let result):
      if case .weightsKept = event { savingWeights = false }
      switch result {
      case .success(let path): say("wrote \(path)", .good)
      case .failure(let failure): say(failure.description, .warning)
      }
      return []
    }
  }

  /// Where keys go now: the prompt or the overlay while open, else the mode shown.
  package var keyContext: KeyContext {
    if let prompt { return prompt.takesText ? .prompt : .keepQuestion }
    if showHelp { return .help }
    return KeyContext(mode)
  }

  /// Looks `key` up in ``KeyBinding/table``; a key the table does not bind does nothing.
  mutating func handle(_ key: Key) -> [AppEffect] {
    guard let action = KeyBinding.action(for: key, in: keyContext) else { return [] }
    if !action.movesSlider { history.endRun() }
    return perform(action, key: key)
  }

  /// Carries out `action`, triggered by `key`: the actions of every mode here, then the
  /// prompt's and the mode's own. The message of the last action goes first (the action may
  /// say something new).
  package mutating func perform(_ action: KeyAction, key: Key) -> [AppEffect] {
    clearMessage()
    switch action {
    case .quit: return [.quit]
    case .openHelp:
      showHelp = true
      return []
    case .closeHelp:
      showHelp = false
      return []
    case .back: return mode == .explore ? [] : switchMode(to: .explore)
    case .openMode(let newMode): return switchMode(to: newMode)
    case .nextMode:
      let all = AppMode.allCases
      let next = all[((all.firstIndex(of: mode) ?? 0) + 1) % all.count]
      return switchMode(to: next)
    case .startTraining: return startTraining()
    case .cancelTraining:
      guard training.isActive else {
        say("no training run to cancel")
        return []
      }
      say("cancelling training…")
      return [.cancelTraining]
    case .revertWeights: return revertWeights()
    case .keepWeights:
      guard !savingWeights else {
        say("still saving the weights: their path shows here when they are saved")
        return []
      }
      guard weightsGeneration > 0 else {
        say("no new weights to keep: press \(KeyBinding.key(for: .startTraining)) to train first")
        return []
      }
      prompt = Prompt(purpose: .keepWeights)
      return []
    case .overwriteModel, .keepBesideModel:
      guard prompt?.purpose == .keepWeights else { return [] }
      prompt = nil
      savingWeights = true
      say(action == .overwriteModel ? "saving over the model file…" : "saving beside the model…")
      return [.keepWeights(overwrite: action == .overwriteModel)]
    case .cycleExportScale:
      exportScale = exportScale >= 8 ? 1 : exportScale * 2
      say("export scale ×\(exportScale)")
      return []
    case .export: return export()
    case .exportAnimation: return exportAnimation()
    case .exportVideo: return exportAnimation(.mp4)
    case .openCalculator:
      prompt = Prompt(purpose: .expression)
      return []
    case .typeCharacter, .deleteCharacter, .submitPrompt, .cancelPrompt, .completePath:
      return handlePrompt(action, key: key)
    default: break
    }
    switch mode {
    case .explore: return handleExplore(action) + previewEffects()
    case .interpolate: return handleInterpolate(action)
    case .traverse: return handleTraverse(action)
    case .browse: return handleBrowse(action)
    case .map: return handleMap(action)
    }
  }

  /// Typing into the prompt line.
  mutating func handlePrompt(_ action: KeyAction, key: Key) -> [AppEffect] {
    guard var current = prompt else { return [] }
    switch action {
    case .cancelPrompt:
      prompt = nil
      return []
    case .deleteCharacter:
      if !current.text.isEmpty { current.text.removeLast() }
      current.note = nil
      prompt = current
      return []
    case .submitPrompt:
      prompt = nil
      switch current.purpose {
      case .imageFile, .imageForSliders:
        if case .imageFile(let start) = current.purpose { fileEndIsStart = start }
        let path = PathCompletion.expandingHome(current.text, home: homeFolder)
        fileForSliders = current.purpose == .imageForSliders ? path : nil
        say("encoding \(path)…")
        return [request(.encode, .encodeFile(path))]
      case .sliderValue(let index, _): return setTyped(current.text, slider: index)
      case .bookmarkName: return saveBookmark(named: current.text)
      case .expression: return calculate(current.text)
      case .keepWeights: return []
      }
    case .completePath:
      guard current.takesPath else { return [] }
      complete(&current)
      prompt = current
      return []
    case .typeCharacter:
      guard case .character(let c) = key else { return [] }
      current.text.append(c)
      current.note = nil
      prompt = current
      return []
    default: return []
    }
  }

  /// Tab in a file prompt: completes the path as far as the names that fit agree; when that
  /// adds nothing, lists them under the prompt (or says that none fits).
  mutating func complete(_ prompt: inout Prompt) {
    let completion = PathCompletion(completing: prompt.text, home: homeFolder)
    prompt.text = completion.text
    prompt.note = nil
    if completion.candidates.isEmpty {
      let folder = completion.folder.isEmpty ? "." : completion.folder
      prompt.note = "no name in \(folder) begins with '\(completion.typedName)'"
    } else if completion.addsNothing, completion.candidates.count > 1 {
      prompt.note = completion.candidates.joined(separator: "  ")
    }
  }

  /// Changes mode and asks for the new mode's faces.
  mutating func switchMode(to newMode: AppMode) -> [AppEffect] {
    mode = newMode
    dragging = nil
    interpolation.playing = false
    switch newMode {
    case .explore: return (face == nil ? [requestFace()] : []) + previewEffects()
    case .interpolate:
      if interpolation.start == nil {
        interpolation.setEnd(isStart: true, to: z, label: "sliders")
      }
      if interpolation.end == nil {
        interpolation.setEnd(isStart: false, to: randomCode(), label: "random")
      }
      return [requestStrip()]
    case .traverse:
      traverse.center = z
      return refreshModeImages()
    case .browse:
      if browseCount == 0 { say("the model stores no faces; give --data to browse a dataset") }
      return refreshModeImages()
    case .map: return enterMap()
    }
  }

  /// A new request for `slot`, numbered.
  mutating func request(_ slot: DecodeSlot, _ work: DecodeRequest.Work) -> AppEffect {
    requestSerial += 1
    requestedSerials[slot] = requestSerial
    return .decode(DecodeRequest(slot: slot, serial: requestSerial, work: work))
  }

  /// Asks for the face of the current code.
  mutating func requestFace() -> AppEffect {
    let code = z
    let effect = request(.face, .codes(LatentCodes(row: code)))
    requestedFaceCodes[requestSerial] = code
    return effect
  }

  /// Asks for every interpolation frame.
  mutating func requestStrip() -> AppEffect {
    interpolation.frames = []
    interpolation.position = min(interpolation.position, interpolation.steps - 1)
    return request(.strip, .codes(interpolation.codes() ?? LatentCodes(dimensions: 0)))
  }

  /// Re-asks for the images of the mode shown (after a resize, new weights or a new page).
  mutating func refreshModeImages() -> [AppEffect] {
    let layout = Layout(self)
    switch mode {
    case .explore:
      preview.requestedSlider = nil
      return previewEffects()
    case .interpolate: return interpolation.codes() == nil ? [] : [requestStrip()]
    case .traverse:
      traverse.dimensions = model.dimensionsByKL
      traverse.row = min(traverse.row, max(0, traverse.dimensions.count - 1))
      traverse.scrollToCursor(
        visibleRows: layout.traverseGrid(dimensions: model.latentDimensions).rows)
      if traverse.center.count != model.latentDimensions { traverse.center = z }
      return [requestTraverseRows()]
    case .browse: return requestBrowsePage()
    case .map:
      placeStoredCodes()
      return []
    }
  }

  /// Takes a result if it is the newest of its slot.
  mutating func accept(_ result: DecodeResult) -> [AppEffect] {
    let newest = requestedSerials[result.slot] ?? 0
    let taken = acceptedSerials[result.slot] ?? 0
    // The face shows every newer frame (smooth drags); other slots only their latest request.
    let wanted = result.slot == .face ? result.serial > taken : result.serial == newest
    guard wanted else { return [] }
    acceptedSerials[result.slot] = result.serial
    if let error = result.error {
      say(error, .warning)
      return []
    }
    switch result.slot {
    case .face:
      face = result.images.first
      shownFaceCode = requestedFaceCodes[result.serial]
      for serial in requestedFaceCodes.keys where serial <= result.serial {
        requestedFaceCodes[serial] = nil
      }
      decodeMilliseconds = result.milliseconds
    case .strip: interpolation.frames = result.images
    case .grid:
      traverse.images = result.images
      traverse.imagesFirstRow = traverse.requestedFirstRow
    case .browse: takeBrowsePage(result)
    case .heldOut:
      heldOut.originals = result.originals
      heldOut.reconstructions = result.images
    case .preview:
      preview.slider = preview.requestedSlider
      preview.images = result.images
    case .animation: return acceptAnimation(result.images)
    case .encode:
      guard let code = result.codes.first else { return [] }
      if let path = fileForSliders {
        return jump(to: code, from: path.split(separator: "/").last.map(String.init) ?? path)
      }
      interpolation.setEnd(isStart: fileEndIsStart, to: code, label: "file")
      say("encoded the image as end \(fileEndIsStart ? "A" : "B")", .good)
      return mode == .interpolate ? [requestStrip()] : []
    }
    return []
  }

  /// Playback, and the status message's age.
  mutating func tick() -> [AppEffect] {
    messageAge += 1
    if messageStyle != .warning, messageAge >= Self.messageLifetimeTicks { clearMessage() }
    guard mode == .interpolate, interpolation.playing, !interpolation.frames.isEmpty else {
      return []
    }
    interpolation.position = (interpolation.position + 1) % interpolation.frames.count
    return []
  }

  /// Starts a background run, or says why not.
  mutating func startTraining() -> [AppEffect] {
    guard hasData else {
      say(
        "no training data: start with --data DIR (a folder of faces) or --data synthetic", .warning)
      return []
    }
    guard !training.isActive else {
      say("training is already running (\(KeyBinding.key(for: .cancelTraining)) cancels)")
      return []
    }
    training.phase = .running
    training.progress = nil
    say("training started on a background queue")
    return [.startTraining] + requestHeldOut()
  }

  /// Goes back to the weights the model file was opened with, or says why not.
  mutating func revertWeights() -> [AppEffect] {
    guard !training.isActive else {
      say(
        "training is running: \(KeyBinding.key(for: .cancelTraining)) cancels it, then"
          + " \(KeyBinding.key(for: .revertWeights)) reverts")
      return []
    }
    guard weightsGeneration > 0 else {
      say("the faces already use the opened model's weights")
      return []
    }
    weightsGeneration = 0
    weightsEpoch = model.epochs
    say(
      "reverted to the opened model's weights (epoch \(model.epochs)); the trained ones are dropped"
    )
    return [.revertWeights, requestFace()] + refreshModeImages() + requestHeldOut()
  }

  /// Asks for the held-out faces' reconstructions with the weights shown (none while the strip
  /// is hidden).
  mutating func requestHeldOut() -> [AppEffect] {
    guard showsHeldOutStrip else { return [] }
    return [request(.heldOut, .reconstruct(heldOut.shownItems))]
  }

  /// Export for the mode shown.
  mutating func export() -> [AppEffect] {
    switch mode {
    case .explore, .map:
      guard let face else {
        say("no face to export yet")
        return []
      }
      let code = shownFaceCode.map { LatentCodeFile(model: model.name, code: $0) }
      return [.export(.face(face, scale: exportScale, code: code))]
    case .browse:
      guard let highlighted = browse.faces[browse.selected] else {
        say("no face to export yet: face #\(browse.selected) is not decoded")
        return []
      }
      let code = browseCode(browse.selected).map { LatentCodeFile(model: model.name, code: $0) }
      return [.export(.face(highlighted, scale: exportScale, code: code))]
    case .interpolate:
      guard !interpolation.frames.isEmpty else {
        say("no frames to export yet")
        return []
      }
      return [.export(.frames(interpolation.frames, scale: exportScale))]
    case .traverse:
      guard !traverse.images.isEmpty else {
        say("no grid to export yet")
        return []
      }
      return [
        .export(
          .grid(
            traverse.images, columns: TraverseState.offsets.count,
            rowCaptions: traverse.imageRows.map { "z\(traverse.dimensions[$0])" },
            columnCaptions: TraverseState.offsets.map { $0 > 0 ? "+\(Int($0))" : "\(Int($0))" }))
      ]
    }
  }

  /// Shows `text` on the status line.
  mutating func say(_ text: String, _ style: TextStyle = .normal) {
    message = text
    messageStyle = style
    messageAge = 0
  }

  /// Takes the message off the status line: a key or click acted, so what the last one said
  /// may no longer be true (the sliders moved, the mode changed).
  mutating func clearMessage() {
    message = nil
    messageStyle = .normal
  }

  /// The next prior code of ``randomSeed`` (the one `latent sample --seed` draws at the same
  /// index), each value kept within the sliders' range.
  mutating func randomCode() -> [Float] {
    let code = FaceModel.priorCode(
      dimensions: model.latentDimensions, seed: randomSeed, index: randomCount)
    randomCount += 1
    return code.map { min(max($0, Slider.range.lowerBound), Slider.range.upperBound) }
  }
}

extension AppState {
  /// The effects to run when the explorer opens: the first face.
  package mutating func start() -> [AppEffect] {
    [requestFace()] + previewEffects()
  }
}
