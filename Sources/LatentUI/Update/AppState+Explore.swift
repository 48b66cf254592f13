import LatentBasics

/// Explore mode: choosing and moving sliders.
extension AppState {
  /// Fine and coarse steps, in σ.
  package static let fineStep: Float = 0.1
  package static let coarseStep: Float = 0.5

  mutating func handleExplore(_ action: KeyAction) -> [AppEffect] {
    switch action {
    case .previousSlider: select(selected - 1)
    case .nextSlider: select(selected + 1)
    case .pageUp: select(selected - Layout(self).visibleSliders)
    case .pageDown: select(selected + Layout(self).visibleSliders)
    case .firstSlider: select(0)
    case .lastSlider: select(sliders.count - 1)
    case .fineDown: return nudge(selected, by: -Self.fineStep)
    case .fineUp: return nudge(selected, by: Self.fineStep)
    case .coarseDown: return nudge(selected, by: -Self.coarseStep)
    case .coarseUp: return nudge(selected, by: Self.coarseStep)
    case .resetSlider: return set(selected, to: 0)
    case .resetAllSliders:
      let before = sliderSnapshot
      z = Array(repeating: 0, count: model.latentDimensions)
      rememberStep(before)
      say("all sliders at the prior mean")
      return [requestFace()]
    case .randomFace:
      let before = sliderSnapshot
      z = randomCode()
      rememberStep(before)
      say("random face from the prior")
      return [requestFace()]
    case .nextSliderBank: showBank(after: sliderBank)
    case .holdAttribute: toggleHold()
    case .saveBookmark: prompt = Prompt(purpose: .bookmarkName)
    case .typeValue:
      guard sliders.indices.contains(selected) else { return [] }
      prompt = Prompt(purpose: .sliderValue(selected, name: sliders[selected].name))
    case .sliderFromFile: prompt = Prompt(purpose: .imageForSliders)
    case .undo, .redo:
      let current = sliderSnapshot
      let isUndo = action == .undo
      guard let restored = isUndo ? history.undo(from: current) : history.redo(from: current)
      else {
        say(isUndo ? "nothing to undo" : "nothing to redo")
        return []
      }
      z = restored.z
      let left = isUndo ? history.undoSteps.count : history.redoSteps.count
      say((isUndo ? "undone" : "redone") + " (\(left) more)")
      return [requestFace()]
    default: break
    }
    return []
  }

  /// Shows the next bank after `bank` that has sliders (wrapping around to the dimensions).
  mutating func showBank(after bank: SliderBank) {
    let all = SliderBank.allCases
    let start = all.firstIndex(of: bank) ?? 0
    let next =
      (1...all.count).lazy.map { all[(start + $0) % all.count] }.first { model.hasSliders($0) }
      ?? .dimensions
    showBank(next)
    let missing = all.filter { !model.hasSliders($0) }.map(\.title)
    say(
      "sliders: \(next.title)"
        + (missing.isEmpty ? "" : " (none for \(missing.joined(separator: ", ")))"))
  }

  /// Shows the sliders of `bank` (the first one chosen); the code stays as it is.
  mutating func showBank(_ bank: SliderBank) {
    sliderBank = bank
    sliders = model.sliders(of: bank)
    selected = 0
    scroll = 0
    history.endRun()
  }

  /// Holds the chosen attribute, or lets it go: edits of the other attributes leave a held
  /// attribute's signed distance as it is.
  mutating func toggleHold() {
    guard sliders.indices.contains(selected), case .attribute(let name) = sliders[selected].target
    else {
      say("only an attribute can be held (choose one, or press d for the attributes)")
      return
    }
    if heldAttributes.remove(name) == nil {
      heldAttributes.insert(name)
      say("\(name) held: moving another attribute leaves it as it is")
    } else {
      say("\(name) no longer held")
    }
  }

  /// Chooses slider `index` (clamped) and scrolls it into view.
  mutating func select(_ index: Int) {
    guard !sliders.isEmpty else { return }
    selected = min(max(index, 0), sliders.count - 1)
    clampScroll()
  }

  /// Keeps the selected slider on screen.
  mutating func clampScroll() {
    let visible = Layout(self).visibleSliders
    if selected < scroll { scroll = selected }
    if selected >= scroll + visible { scroll = selected - visible + 1 }
    scroll = max(0, min(scroll, max(0, sliders.count - visible)))
  }

  /// Moves slider `index` by `delta` σ, as part of a run of moves of that slider (one undo
  /// step).
  mutating func nudge(_ index: Int, by delta: Float) -> [AppEffect] {
    guard sliders.indices.contains(index) else { return [] }
    return set(index, to: value(of: sliders[index]) + delta, inRun: true)
  }

  /// Sets slider `index` to `newValue` (clamped, rounded to 0.01σ); asks for the face and
  /// records the undo step when the value changed. `inRun`: the change joins the run of moves
  /// of this slider (arrow presses, a drag) as one undo step.
  mutating func set(_ index: Int, to newValue: Float, inRun: Bool = false) -> [AppEffect] {
    guard sliders.indices.contains(index) else { return [] }
    let clamped =
      (min(max(newValue, Slider.range.lowerBound), Slider.range.upperBound) * 100)
      .rounded() / 100
    guard clamped != value(of: sliders[index]) else { return [] }
    let moved: [Float]
    do {
      moved = try code(setting: sliders[index], to: clamped)
    } catch {
      say("\(sliders[index].name): \(error.problem)", .warning)
      return []
    }
    history.record(sliderSnapshot, run: inRun ? index : nil)
    z = moved
    return [requestFace()]
  }

  /// Sets the sliders to `code` and goes to Explore.
  package mutating func jump(to code: [Float], from label: String) -> [AppEffect] {
    guard code.count == model.latentDimensions else { return [] }
    let before = sliderSnapshot
    z = code.map { min(max($0, Slider.range.lowerBound), Slider.range.upperBound) }
    rememberStep(before)
    mode = .explore
    say("sliders set to \(label)")
    return [requestFace()] + previewEffects()
  }

  /// Records `before` as an undo step if the sliders have changed since.
  mutating func rememberStep(_ before: SliderHistory.Snapshot) {
    if sliderSnapshot != before { history.record(before) }
  }

  /// Sets slider `index` to the value typed at the prompt (`1.5`, `-0.25`, `+2σ`, `−1`), or
  /// says on the status line why the text is not a value.
  mutating func setTyped(_ text: String, slider index: Int) -> [AppEffect] {
    guard sliders.indices.contains(index) else { return [] }
    let name = sliders[index].name
    guard let typed = Self.sigmaValue(text) else {
      say("\(name): '\(text)' is not a number (type σ, as 1.5 or -0.25)", .warning)
      return []
    }
    history.endRun()
    let effects = set(index, to: typed)
    let shown = RenderText.sigma(value(of: sliders[index])).trimmingPrefix(" ")
    let limit = Slider.range.upperBound
    say(
      "\(name) = \(shown)" + (abs(typed) > limit ? " (sliders stop at ±\(Int(limit))σ)" : ""))
    return effects
  }

  /// The number in `text`, in σ: an optional sign (`-`, `+` or `−`), digits, an optional `σ`;
  /// nil when it is not a finite number.
  static func sigmaValue(_ text: String) -> Float? {
    var trimmed = Substring(text)
    while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
    while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
    if trimmed.last == "σ" { trimmed.removeLast() }
    let ascii = trimmed.first == "−" ? "-" + trimmed.dropFirst() : String(trimmed)
    guard let value = Float(ascii), value.isFinite else { return nil }
    return value
  }
}
