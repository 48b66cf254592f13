import FaceVAE
/// Keys of Interpolate, Traverse and Browse.
extension AppState {
  mutating func handleInterpolate(_ action: KeyAction) -> [AppEffect] {
    let count = interpolation.steps
    switch action {
    case .scrubBack:
      interpolation.playing = false
      interpolation.position = max(0, interpolation.position - 1)
    case .scrubForward:
      interpolation.playing = false
      interpolation.position = min(count - 1, interpolation.position + 1)
    case .togglePlayback:
      interpolation.playing.toggle()
    case .toggleSlerp:
      interpolation.spherical.toggle()
      say(interpolation.spherical ? "spherical interpolation (slerp)" : "linear interpolation")
      return [requestStrip()]
    case .moreFrames:
      interpolation.steps = min(30, count + 1)
      return [requestStrip()]
    case .fewerFrames:
      interpolation.steps = max(2, count - 1)
      return [requestStrip()]
    case .setStart, .setEnd:
      interpolation.setEnd(isStart: action == .setStart, to: z, label: "sliders")
      return [requestStrip()]
    case .randomEnd:
      interpolation.setEnd(isStart: false, to: randomCode(), label: "random")
      return [requestStrip()]
    case .startFromFile: prompt = Prompt(purpose: .imageFile(start: true))
    case .endFromFile: prompt = Prompt(purpose: .imageFile(start: false))
    case .useSelection:
      guard let codes = interpolation.codes(), codes.indices.contains(interpolation.position) else {
        return []
      }
      return jump(to: codes[interpolation.position], from: "frame \(interpolation.position + 1)")
    default: break
    }
    return []
  }

  mutating func handleTraverse(_ action: KeyAction) -> [AppEffect] {
    let rowsCount = traverse.dimensions.count
    switch action {
    case .cursorUp:
      traverse.row = max(0, traverse.row - 1)
      return scrollTraverseToCursor()
    case .cursorDown:
      traverse.row = min(max(0, rowsCount - 1), traverse.row + 1)
      return scrollTraverseToCursor()
    case .cursorLeft: traverse.column = max(0, traverse.column - 1)
    case .cursorRight:
      traverse.column = min(TraverseState.offsets.count - 1, traverse.column + 1)
    case .useSelection:
      guard traverse.dimensions.indices.contains(traverse.row) else { return [] }
      let d = traverse.dimensions[traverse.row]
      let offset = TraverseState.offsets[traverse.column]
      return jump(
        to: traverse.code(row: traverse.row, column: traverse.column),
        from: "z\(d) = \(RenderText.sigma(offset))")
    default: break
    }
    return []
  }

  /// Scrolls the Traverse rows to show the cursor; asks for the faces of the rows shown when
  /// they changed.
  mutating func scrollTraverseToCursor() -> [AppEffect] {
    let shown = Layout(self).traverseGrid(dimensions: model.latentDimensions).rows
    let before = traverse.firstRow
    traverse.scrollToCursor(visibleRows: shown)
    return traverse.firstRow == before ? [] : [requestTraverseRows()]
  }

  /// Asks for the faces of the Traverse rows shown.
  mutating func requestTraverseRows() -> AppEffect {
    let shown = Layout(self).traverseGrid(dimensions: model.latentDimensions).rows
    let rows = traverse.firstRow..<min(traverse.dimensions.count, traverse.firstRow + shown)
    traverse.requestedFirstRow = rows.lowerBound
    return request(.grid, .codes(traverse.codes(rows: rows)))
  }

  mutating func handleBrowse(_ action: KeyAction) -> [AppEffect] {
    let count = browseCount
    guard count > 0 else { return [] }
    let grid = Layout(self).browseGrid(pairs: datasetCount > 0)
    let page = grid.across * grid.down
    var target = browse.selected
    switch action {
    case .cursorLeft: target -= 1
    case .cursorRight: target += 1
    case .cursorUp: target -= grid.across
    case .cursorDown: target += grid.across
    case .pageUp: target -= page
    case .pageDown: target += page
    case .useSelection:
      guard let code = browseCode(browse.selected) else { return [] }
      return jump(to: code, from: "face \(browse.selected)")
    case .setStart, .setEnd:
      guard let code = browseCode(browse.selected) else { return [] }
      let isStart = action == .setStart
      interpolation.setEnd(isStart: isStart, to: code, label: "face \(browse.selected)")
      say("face \(browse.selected) is interpolation end \(isStart ? "A" : "B")", .good)
      return []
    default: return []
    }
    browse.selected = min(max(target, 0), count - 1)
    guard browse.selected < browse.first || browse.selected >= browse.first + page else {
      return []
    }
    browse.first = browse.selected / page * page
    return requestBrowsePage()
  }

  /// The code of browse item `index`, if known.
  func browseCode(_ index: Int) -> [Float]? {
    if datasetCount > 0 { return browse.codes[index] }
    guard index < model.storedFaces else { return nil }
    return model.storedCodes[index]
  }

  /// The predicted label of the face under the Browse cursor (from the nearest labelled stored
  /// face; a stored face leaves itself out), once its code is known.
  /// A dataset image whose code is a stored one (it was a training image) is predicted from
  /// the other stored faces too.
  package func browsePrediction() -> LabelPrediction? {
    guard let code = browseCode(browse.selected) else { return nil }
    guard datasetCount > 0 else {
      return model.predictedLabel(for: code, excludingStored: browse.selected)
    }
    guard let nearest = model.predictedLabel(for: code),
      nearest.similarity >= LabelPrediction.sameCodeSimilarity
    else { return model.predictedLabel(for: code) }
    var prediction = model.predictedLabel(for: code, excludingStored: nearest.storedFace)
    prediction?.sameAsStored = nearest.storedFace
    return prediction
  }

  /// The label of browse item `index`: its dataset label with `--data`, else the stored one.
  func browseLabel(_ index: Int) -> Int? {
    if datasetCount > 0 {
      return datasetLabels.indices.contains(index) ? datasetLabels[index] : nil
    }
    return index < model.storedLabels.count && model.storedLabels[index] >= 0
      ? model.storedLabels[index] : nil
  }

  /// Browse item `index`'s label as its caption shows it: the label's name when the dataset
  /// names its labels, else the number.
  func browseLabelText(_ index: Int) -> String? {
    guard let label = browseLabel(index) else { return nil }
    if datasetCount > 0, datasetLabelNames.indices.contains(label) {
      return datasetLabelNames[label]
    }
    return String(label)
  }

  /// Asks for the faces of the browse page shown.
  mutating func requestBrowsePage() -> [AppEffect] {
    let grid = Layout(self).browseGrid(pairs: datasetCount > 0)
    let page = grid.across * grid.down
    browse.first = min(browse.first, max(0, browseCount - 1)) / max(1, page) * page
    let items = Array(browse.first..<min(browseCount, browse.first + page))
    browse.faces = [:]
    browse.originals = [:]
    guard !items.isEmpty else { return [] }
    if datasetCount > 0 { return [request(.browse, .reconstruct(items))] }
    return [request(.browse, .codes(LatentCodes(model.storedCodes, rows: items)))]
  }

  /// Files a browse result under its items.
  mutating func takeBrowsePage(_ result: DecodeResult) {
    for (offset, image) in result.images.enumerated() {
      browse.faces[browse.first + offset] = image
    }
    for (offset, image) in result.originals.enumerated() {
      browse.originals[browse.first + offset] = image
    }
    for (offset, code) in result.codes.enumerated() { browse.codes[browse.first + offset] = code }
  }
}
