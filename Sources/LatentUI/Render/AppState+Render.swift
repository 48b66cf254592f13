import FaceVAE
/// Lays the state out as a canvas: title, mode bar, the mode's screen, training, status, keys.
extension AppState {
  /// The whole screen.
  package func render() -> Canvas {
    var canvas = Canvas(columns: columns, rows: rows)
    let layout = Layout(self)
    guard layout.fits else {
      let lines = [
        "Terminal too small: \(columns)×\(rows).",
        "The explorer needs at least \(Layout.minimumColumns)×\(Layout.minimumRows)."
          + " \(KeyBinding.key(for: .quit)) quits.",
      ]
      for (i, line) in lines.enumerated() {
        canvas.put(line, column: 0, row: min(rows - 1, i), style: i == 0 ? .warning : .normal)
      }
      return canvas
    }
    renderTitle(into: &canvas, layout)
    switch mode {
    case .explore: renderExplore(into: &canvas, layout)
    case .interpolate: renderInterpolate(into: &canvas, layout)
    case .traverse: renderTraverse(into: &canvas, layout)
    case .browse: renderBrowse(into: &canvas, layout)
    case .map: renderMap(into: &canvas, layout)
    }
    renderTraining(into: &canvas, layout)
    renderStatus(into: &canvas, layout)
    if showHelp { renderHelp(into: &canvas, layout) }
    return canvas
  }

  func renderTitle(into canvas: inout Canvas, _ layout: Layout) {
    var title = " latent · \(model.name) · \(model.latentDimensions) dims · epoch \(weightsEpoch)"
    if weightsGeneration > 0 { title += " · weights gen \(weightsGeneration)" }
    title += " · \(graphicsName) "
    canvas.put(String(repeating: "─", count: columns), column: 0, row: layout.titleRow, style: .dim)
    canvas.put(title, column: 1, row: layout.titleRow, style: .bold)
    for tab in RenderText.tabSpans() {
      canvas.put(
        tab.text, column: tab.range.lowerBound, row: layout.tabsRow,
        style: tab.mode == mode ? .selected : .dim)
    }
  }

  func renderTraining(into canvas: inout Canvas, _ layout: Layout) {
    let row = layout.trainingRow
    canvas.put(String(repeating: "─", count: columns), column: 0, row: row - 1, style: .dim)
    renderELBOFigures(into: &canvas, row: row - 1)
    switch training.phase {
    case .idle:
      let hint =
        hasData
        ? "\(KeyBinding.key(for: .startTraining)) trains on the --data images in the background"
        : "no --data: training off"
      canvas.put("training: \(hint)", column: 1, row: row, style: .dim)
    case .running, .cancelling:
      var column = canvas.put(
        training.phase == .cancelling ? "cancelling " : "training ", column: 1, row: row,
        style: .bold)
      guard let progress = training.progress else {
        canvas.put("starting…", column: column, row: row)
        return
      }
      column = canvas.put(
        RenderText.bar(progress.fraction, width: 12), column: column, row: row, style: .accent)
      let text =
        " \(Int(progress.fraction * 100))% epoch \(progress.epoch)/\(progress.epochs)"
        + " step \(progress.step)/\(progress.stepsPerEpoch)"
        + " ETA \(RenderText.clock(progress.secondsRemaining))"
        + " elbo \(RenderText.decimal(progress.elbo))"
        + " \(Int(progress.imagesPerSecond)) img/s "
      column = canvas.put(text, column: column, row: row)
      canvas.put(
        RenderText.sparkline(training.elboHistory, width: max(0, columns - column - 2)),
        column: column, row: row, style: .accent)
    case .finished:
      canvas.put(TrainingText.ending(training) ?? "", column: 1, row: row, style: .good)
    case .failed(let reason):
      canvas.put("training failed: \(reason)", column: 1, row: row, style: .warning)
    }
  }

  /// The run's held-out ELBO at start, now and best beside the model's record, on the rule
  /// above the training line (kept after the run ends); how the optimizer started last, where
  /// it fits.
  func renderELBOFigures(into canvas: inout Canvas, row: Int) {
    guard let line = TrainingText.figures(training, recorded: model.recordedValidationELBO)
    else { return }
    var column = canvas.put(" " + line.figures + " ", column: 1, row: row, style: .bold)
    if let comparison = line.comparison {
      column = canvas.put(
        "· " + comparison + " ", column: column, row: row,
        style: line.nowIsBetter ? .good : .warning)
    }
    if column + line.optimizer.count + 4 < columns {
      canvas.put("(\(line.optimizer)) ", column: column, row: row, style: .dim)
    }
  }

  func renderStatus(into canvas: inout Canvas, _ layout: Layout) {
    if let prompt {
      let end = canvas.put(prompt.caption, column: 1, row: layout.statusRow, style: .bold)
      if prompt.takesText { canvas.put(prompt.text + "▏", column: end, row: layout.statusRow) }
    } else {
      var facts = "\(model.name) · \(graphicsName)"
      if let ms = decodeMilliseconds { facts += " · decode \(RenderText.decimal(ms)) ms" }
      facts += " · ×\(exportScale)"
      if mode == .explore, !supportBelowFace(layout), let support = supportText {
        facts += " · " + support
      }
      let room = columns - 2  // one column of margin on each side
      if let message, facts.count + 3 + message.count > room {
        // A long message (an error with its reason) takes the whole line, its paths shortened,
        // and what still does not fit goes on the key line below instead of the keys.
        let fitted = RenderText.fitted(message, width: room)
        var cut = fitted.endIndex
        if fitted.count > room {
          let limit = fitted.index(fitted.startIndex, offsetBy: room)
          cut = fitted[..<limit].lastIndex(of: " ") ?? limit
        }
        canvas.put(
          String(fitted[..<cut]), column: 1, row: layout.statusRow, style: messageStyle)
        if cut < fitted.endIndex {
          let rest = fitted[cut...].drop { $0 == " " }
          canvas.put(String(rest), column: 1, row: layout.hintsRow, style: messageStyle)
          return
        }
      } else {
        let end = canvas.put(facts, column: 1, row: layout.statusRow, style: .dim)
        if let message {
          canvas.put(" │ " + message, column: end, row: layout.statusRow, style: messageStyle)
        }
      }
    }
    canvas.put(prompt?.note ?? hints, column: 1, row: layout.hintsRow, style: .dim)
  }

  /// The key line for the mode shown, from ``KeyBinding/table``.
  var hints: String { KeyBinding.hintLine(for: KeyContext(mode)) }
}
