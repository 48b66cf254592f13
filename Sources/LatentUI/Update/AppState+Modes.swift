import FaceVAE
/// Keys of Interpolate, Traverse and Browse.
extension AppState {
  mutating func handleInterpolate(_ key: Key) -> [AppEffect] {
    let count = interpolation.steps
    switch key {
    case .left, .character("h"):
      interpolation.playing = false
      interpolation.position = max(0, interpolation.position - 1)
    case .right, .character("l"):
      interpolation.playing = false
      interpolation.position = min(count - 1, interpolation.position + 1)
    case .character(" "):
      interpolation.playing.toggle()
    case .character("s"):
      interpolation.spherical.toggle()
      say(interpolation.spherical ? "spherical interpolation (slerp)" : "linear interpolation")
      return [requestStrip()]
    case .character("+"), .character("="):
      interpolation.steps = min(30, count + 1)
      return [requestStrip()]
    case .character("-"):
      interpolation.steps = max(2, count - 1)
      return [requestStrip()]
    case .character("a"):
      interpolation.start = effectiveCode
      interpolation.startLabel = "sliders"
      return [requestStrip()]
    case .character("b"):
      interpolation.end = effectiveCode
      interpolation.endLabel = "sliders"
      return [requestStrip()]
    case .character("r"):
      interpolation.end = randomCode()
      interpolation.endLabel = "random"
      return [requestStrip()]
    case .character("f"): prompt = Prompt(purpose: .imageFile(start: true))
    case .character("g"): prompt = Prompt(purpose: .imageFile(start: false))
    case .enter:
      guard let codes = interpolation.codes(), codes.indices.contains(interpolation.position) else {
        return []
      }
      return jump(to: codes[interpolation.position], from: "frame \(interpolation.position + 1)")
    default: break
    }
    return []
  }

  mutating func handleTraverse(_ key: Key) -> [AppEffect] {
    let rowsCount = traverse.dimensions.count
    switch key {
    case .up, .character("k"): traverse.row = max(0, traverse.row - 1)
    case .down, .character("j"): traverse.row = min(max(0, rowsCount - 1), traverse.row + 1)
    case .left, .character("h"): traverse.column = max(0, traverse.column - 1)
    case .right, .character("l"):
      traverse.column = min(TraverseState.offsets.count - 1, traverse.column + 1)
    case .enter:
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

  mutating func handleBrowse(_ key: Key) -> [AppEffect] {
    let count = browseCount
    guard count > 0 else { return [] }
    let grid = Layout(self).browseGrid(pairs: datasetCount > 0)
    let page = grid.across * grid.down
    var target = browse.selected
    switch key {
    case .left, .character("h"): target -= 1
    case .right, .character("l"): target += 1
    case .up, .character("k"): target -= grid.across
    case .down, .character("j"): target += grid.across
    case .pageUp: target -= page
    case .pageDown: target += page
    case .enter:
      guard let code = browseCode(browse.selected) else { return [] }
      return jump(to: code, from: "face \(browse.selected)")
    case .character("a"), .character("b"):
      guard let code = browseCode(browse.selected) else { return [] }
      let isStart = key == .character("a")
      if isStart {
        interpolation.start = code
        interpolation.startLabel = "face \(browse.selected)"
      } else {
        interpolation.end = code
        interpolation.endLabel = "face \(browse.selected)"
      }
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
    if datasetCount > 0 { return datasetLabels.indices.contains(index) ? datasetLabels[index] : nil }
    return index < model.storedLabels.count && model.storedLabels[index] >= 0
      ? model.storedLabels[index] : nil
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
