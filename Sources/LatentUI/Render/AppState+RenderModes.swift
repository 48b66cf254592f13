import LatentBasics
/// Interpolate, Traverse and Browse screens, and the help overlay.
extension AppState {
  func renderInterpolate(into canvas: inout Canvas, _ layout: Layout) {
    let count = interpolation.steps
    let viewport = layout.interpolateViewport(count: count)
    let position = min(interpolation.position, count - 1)
    if interpolation.frames.indices.contains(position) {
      canvas.images.append(CanvasImage(rect: viewport, image: interpolation.frames[position]))
    } else {
      canvas.put("decoding…", column: viewport.column, row: viewport.row, style: .dim)
    }
    let left = viewport.column + viewport.columns + 2
    let t = count > 1 ? Double(position) / Double(count - 1) : 0
    let play = KeyBinding.key(for: .togglePlayback)
    let facts = [
      ("A", interpolation.startLabel), ("B", interpolation.endLabel),
      ("path", interpolation.spherical ? "spherical (slerp)" : "linear"),
      ("frame", "\(position + 1) of \(count)"), ("t", RenderText.decimal(t, digits: 2)),
      ("playing", interpolation.playing ? "yes (\(play) stops)" : "no (\(play) plays)"),
    ]
    for (i, fact) in facts.enumerated() {
      let end = canvas.put(
        fact.0.padded(to: 8), column: left,
        row: viewport.row + i, style: .dim)
      canvas.put(fact.1, column: end, row: viewport.row + i, style: .bold)
    }
    for k in 0..<count {
      let rect = layout.stripRect(index: k, count: count)
      guard rect.column + rect.columns <= columns else { break }
      if interpolation.frames.indices.contains(k) {
        canvas.images.append(CanvasImage(rect: rect, image: interpolation.frames[k]))
      }
      let marker = k == position ? String(repeating: "▔", count: rect.columns) : ""
      canvas.put(marker, column: rect.column, row: rect.row - 1, style: .selected)
    }
  }

  func renderTraverse(into canvas: inout Canvas, _ layout: Layout) {
    let d = model.latentDimensions
    for (c, offset) in TraverseState.offsets.enumerated() {
      let rect = layout.traverseRect(row: 0, column: c, dimensions: d)
      canvas.put(
        RenderText.sigma(offset), column: rect.column, row: rect.row - 1,
        style: c == traverse.column ? .selected : .dim)
    }
    let shown = layout.traverseGrid(dimensions: d).rows
    let rows = traverse.firstRow..<min(traverse.dimensions.count, traverse.firstRow + shown)
    for r in rows {
      let first = layout.traverseRect(row: r - traverse.firstRow, column: 0, dimensions: d)
      canvas.put(
        "z\(traverse.dimensions[r])", column: 1, row: first.row,
        style: r == traverse.row ? .selected : .normal)
      for c in TraverseState.offsets.indices {
        guard let image = traverse.image(row: r, column: c) else { continue }
        let rect = layout.traverseRect(row: r - traverse.firstRow, column: c, dimensions: d)
        canvas.images.append(CanvasImage(rect: rect, image: image))
      }
    }
    if rows.contains(traverse.row) {
      let rect = layout.traverseRect(
        row: traverse.row - traverse.firstRow, column: traverse.column, dimensions: d)
      canvas.bracket(rect, style: .selected)
    }
    if traverse.dimensions.count > shown {
      // Which row of how many the cursor is on, left of the σ captions.
      canvas.put(
        "\(traverse.row + 1)/\(traverse.dimensions.count)", column: 1, row: layout.content.row,
        style: .dim, limit: 6)
    }
  }

  func renderBrowse(into canvas: inout Canvas, _ layout: Layout) {
    let pairs = datasetCount > 0
    let grid = layout.browseGrid(pairs: pairs)
    let prediction = browsePrediction()
    for slot in 0..<(grid.across * grid.down) {
      let index = browse.first + slot
      guard index < browseCount else { break }
      let rect = layout.browseRect(slot: slot, pairs: pairs)
      if let face = browse.faces[index] {
        canvas.images.append(CanvasImage(rect: rect, image: face))
      }
      if pairs, let original = browse.originals[index] {
        var originalRect = rect
        originalRect.column += rect.columns + 1
        canvas.images.append(CanvasImage(rect: originalRect, image: original))
      }
      let selectedItem = index == browse.selected
      let width = pairs ? 2 * rect.columns + 2 : rect.columns + 1
      let caption = RenderText.browseCaption(
        index: index, label: browseLabelText(index), width: width - 2)
      canvas.put(
        (selectedItem ? "▶ " : "  ") + caption, column: rect.column - 1,
        row: rect.row + rect.rows, style: selectedItem ? .selected : .dim, limit: width)
    }
    if browseCount == 0 {
      canvas.put(
        "No faces stored in the model. Start with --data to browse a dataset.", column: 1,
        row: layout.content.row, style: .dim)
    } else {
      // The captions' legend (and with --data, which face of a pair is which), right-aligned
      // on the mode bar's row when it fits beside the modes.
      let tabsEnd = RenderText.tabSpans().last?.range.upperBound ?? 0
      let forms =
        pairs
        ? ["#image · label   reconstruction │ original", "reconstruction │ original"]
        : ["#face · label"]
      if let legend = forms.first(where: { columns - $0.count - 1 > tabsEnd }) {
        canvas.put(legend, column: columns - legend.count - 1, row: layout.tabsRow, style: .dim)
      }
    }
    renderPrediction(prediction, into: &canvas, layout)
  }

  /// The predicted label of the face under the cursor, below the thumbnails.
  private func renderPrediction(
    _ prediction: LabelPrediction?, into canvas: inout Canvas, _ layout: Layout
  ) {
    guard browseCount > 0 else { return }
    let grid = layout.browseGrid(pairs: datasetCount > 0)
    let row = min(
      layout.content.row + grid.down * (grid.cellRows + 1),
      layout.content.row + layout.content.rows - 1)
    let text: String
    if let prediction {
      let stored = prediction.sameAsStored.map { "is stored face #\($0); from the others: " } ?? ""
      text =
        "face #\(browse.selected): \(stored)predicted label \(prediction.label) (nearest stored face "
        + "#\(prediction.storedFace), cosine \(RenderText.decimal(Double(prediction.similarity), digits: 2)))"
    } else if model.storedLabels.allSatisfy({ $0 < 0 }) || model.storedFaces < 2 {
      text = "no labelled stored faces to predict a label from"
    } else {
      text = "face #\(browse.selected): predicting once its code is known…"
    }
    canvas.put(
      text, column: 1, row: row, style: prediction == nil ? .dim : .bold, limit: columns - 2)
  }

  func renderHelp(into canvas: inout Canvas, _ layout: Layout) {
    let lines =
      ["Keys in \(mode.title) · mouse: click, drag, wheel"]
      + KeyBinding.overlayLines(for: mode)
    let width = min(columns - 4, (lines.map(\.count).max() ?? 0) + 4)
    let top = max(0, (rows - lines.count - 2) / 2)
    let left = max(0, (columns - width) / 2)
    let rule = String(repeating: "─", count: width - 2)
    let blank = String(repeating: " ", count: width - 2)
    for row in 0..<(lines.count + 2) {
      let text =
        row == 0 ? "┌\(rule)┐" : row == lines.count + 1 ? "└\(rule)┘" : "│\(blank)│"
      canvas.put(text, column: left, row: top + row, style: .dim)
    }
    for (i, line) in lines.enumerated() {
      canvas.put(
        line, column: left + 2, row: top + 1 + i, style: i == 0 ? .bold : .normal, limit: width - 4)
    }
    canvas.images.removeAll { image in
      image.rect.row < top + lines.count + 2 && image.rect.row + image.rect.rows > top
        && image.rect.column < left + width && image.rect.column + image.rect.columns > left
    }
  }
}
