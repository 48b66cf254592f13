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
      z = Array(repeating: 0, count: model.latentDimensions)
      attributeValues = [:]
      say("all sliders at the prior mean")
      return [requestFace()]
    case .randomFace:
      z = randomCode()
      attributeValues = [:]
      say("random face from the prior")
      return [requestFace()]
    default: break
    }
    return []
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

  /// Moves slider `index` by `delta` σ.
  mutating func nudge(_ index: Int, by delta: Float) -> [AppEffect] {
    guard sliders.indices.contains(index) else { return [] }
    return set(index, to: value(of: sliders[index]) + delta)
  }

  /// Sets slider `index` to `newValue` (clamped, rounded to 0.01σ); asks for the face
  /// when the value changed.
  mutating func set(_ index: Int, to newValue: Float) -> [AppEffect] {
    guard sliders.indices.contains(index) else { return [] }
    let clamped =
      (min(max(newValue, Slider.range.lowerBound), Slider.range.upperBound) * 100)
      .rounded() / 100
    guard clamped != value(of: sliders[index]) else { return [] }
    switch sliders[index].target {
    case .dimension(let d): z[d] = clamped
    case .attribute(let name): attributeValues[name] = clamped
    }
    return [requestFace()]
  }

  /// Sets the sliders to `code` and goes to Explore.
  mutating func jump(to code: [Float], from label: String) -> [AppEffect] {
    guard code.count == model.latentDimensions else { return [] }
    z = code.map { min(max($0, Slider.range.lowerBound), Slider.range.upperBound) }
    attributeValues = [:]
    mode = .explore
    say("sliders set to \(label)")
    return [requestFace()]
  }
}
