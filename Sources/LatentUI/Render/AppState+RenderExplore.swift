import LatentBasics

/// Explore mode's screen: the face and one slider row per dimension or attribute.
extension AppState {
  func renderExplore(into canvas: inout Canvas, _ layout: Layout) {
    let viewport = layout.exploreFace(heldOutCount: heldOutShownCount)
    if let face {
      canvas.images.append(CanvasImage(rect: viewport, image: face))
    } else {
      canvas.put("decoding…", column: viewport.column, row: viewport.row, style: .dim)
    }
    if supportBelowFace(layout), let support = supportText {
      canvas.put(
        "support: " + support, column: viewport.column, row: viewport.row + viewport.rows,
        style: .dim, limit: layout.exploreViewport.columns)
    }
    let panel = layout.sliderPanel
    let maxKL = sliders.compactMap(\.kl).max() ?? 0
    let track = layout.track
    for line in 0..<layout.visibleSliders {
      let index = scroll + line
      guard sliders.indices.contains(index) else { break }
      let slider = sliders[index]
      let row = panel.row + line
      let isSelected = index == selected
      let base: TextStyle = slider.isActive ? .normal : .dim
      canvas.put(isSelected ? "▸" : " ", column: panel.column, row: row, style: .selected)
      canvas.put(
        String(slider.name.prefix(6)), column: panel.column + 2, row: row,
        style: isSelected ? .selected : base)
      if let kl = slider.kl {
        let fraction = maxKL > 0 ? Double(kl / maxKL) : 0
        canvas.put(
          RenderText.bar(fraction, width: 8), column: panel.column + 9, row: row,
          style: slider.isActive ? .accent : .dim)
      } else if case .attribute(let name) = slider.target {
        // The boundary's accuracy (a mean-difference direction has none), and whether held.
        let held = heldAttributes.contains(name)
        let text = held ? "held" + (slider.note.map { " " + $0 } ?? "") : slider.note ?? "attr"
        canvas.put(
          text.padded(to: 8), column: panel.column + 9, row: row, style: held ? .accent : .dim,
          limit: 8)
      } else {
        canvas.put(
          (slider.note ?? "").padded(to: 7), column: panel.column + 9, row: row, style: .dim,
          limit: 8)
      }
      let value = value(of: slider)
      canvas.put(
        String(repeating: "─", count: track.width), column: track.column, row: row, style: base)
      canvas.put("┼", column: layout.trackColumn(for: 0), row: row, style: .dim)
      canvas.put(
        "●", column: layout.trackColumn(for: value), row: row,
        style: isSelected ? .selected : slider.isActive ? .accent : .dim)
      canvas.put(
        RenderText.sigma(value), column: track.column + track.width + 1, row: row,
        style: isSelected ? .bold : base)
    }
    renderPreview(into: &canvas, layout)
    // On the mode bar's row, right-aligned over the list: text only, so no face (a sixel
    // face may fill the content rows) and no rule covers it.
    // Shorter forms on a narrow screen, so that the mode bar stays whole.
    let tabsEnd = RenderText.tabSpans().last?.range.upperBound ?? 0
    // The bank's name, except for the dimensions (the sliders the explorer opens with).
    let bank = sliderBank == .dimensions ? "" : sliderBank.title
    var forms = bank.isEmpty ? [] : [bank]
    if sliders.count > layout.visibleSliders {
      let range = "\(scroll + 1)–\(min(sliders.count, scroll + layout.visibleSliders))"
      let prefix = bank.isEmpty ? "" : bank + " · "
      forms = [
        "\(prefix)sliders \(range) of \(sliders.count)", "\(prefix)\(range) of \(sliders.count)",
        "\(range)/\(sliders.count)",
      ]
    }
    if let shown = forms.first(where: { columns - $0.count - 1 > tabsEnd }) ?? forms.last {
      canvas.put(shown, column: columns - shown.count - 1, row: layout.tabsRow, style: .dim)
    }
    renderHeldOutStrip(into: &canvas, layout)
  }

  /// Whether the support count fits on the row under the Explore face (no held-out strip
  /// there, and a content row left); else the status line carries it.
  func supportBelowFace(_ layout: Layout) -> Bool {
    let viewport = layout.exploreFace(heldOutCount: heldOutShownCount)
    return heldOutShownCount == 0
      && viewport.row + viewport.rows < layout.content.row + layout.content.rows
  }

  /// Held-out faces shown under the Explore face (0 when the strip is hidden or does not fit).
  var heldOutShownCount: Int {
    showsHeldOutStrip ? heldOut.shownItems.count : 0
  }

  /// The held-out originals above their reconstructions with the weights shown.
  func renderHeldOutStrip(into canvas: inout Canvas, _ layout: Layout) {
    let count = heldOutShownCount
    guard let strip = layout.heldOutStrip(count: count) else { return }
    let area = layout.exploreViewport
    canvas.put(
      "held out, never trained on: above, reconstructed below", column: area.column,
      row: strip.captionRow, style: .dim, limit: area.columns)
    for index in 0..<count {
      for (images, isReconstruction) in [
        (heldOut.originals, false), (heldOut.reconstructions, true),
      ]
      where images.indices.contains(index) {
        guard
          let rect = layout.heldOutRect(
            index: index, count: count, reconstruction: isReconstruction)
        else { continue }
        canvas.images.append(CanvasImage(rect: rect, image: images[index]))
      }
    }
  }

  /// The selected slider's ±2σ previews (every other slider as it is), each under its σ
  /// caption, the slider's name before them.
  private func renderPreview(into canvas: inout Canvas, _ layout: Layout) {
    let rects = layout.previewRects
    guard let first = rects.first, sliders.indices.contains(selected) else { return }
    let captionRow = first.row - 1
    canvas.put(
      String(sliders[selected].name.prefix(6)), column: layout.sliderPanel.column + 2,
      row: captionRow, style: .selected)
    let showsSelected = preview.slider == selected && preview.images.count == rects.count
    for (k, rect) in rects.enumerated() {
      canvas.put(
        RenderText.sigma(SliderPreview.offsets[k]), column: rect.column, row: captionRow,
        style: .dim)
      if showsSelected { canvas.images.append(CanvasImage(rect: rect, image: preview.images[k])) }
    }
  }
}
