import FaceVAE

/// Explore's ±2σ previews of the selected slider.
extension AppState {
  /// Asks for the previews when Explore shows them and they changed since the last request:
  /// another slider was chosen or another slider moved (moving the chosen one changes nothing).
  mutating func previewEffects() -> [AppEffect] {
    guard mode == .explore, sliders.indices.contains(selected), !Layout(self).previewRects.isEmpty
    else { return [] }
    let slider = sliders[selected]
    let codes = SliderPreview.offsets.map { code(setting: slider, to: $0) }
    guard preview.requestedSlider != selected || preview.requestedCodes != codes else { return [] }
    if preview.slider != selected {
      preview.slider = nil
      preview.images = []
    }
    preview.requestedSlider = selected
    preview.requestedCodes = codes
    var batch = LatentCodes(dimensions: model.latentDimensions)
    for code in codes { batch.append(code) }
    return [request(.preview, .codes(batch))]
  }

  /// The code decoded for the face with `slider` at `newValue` σ and every other slider as it is.
  package func code(setting slider: Slider, to newValue: Float) -> [Float] {
    var code = effectiveCode
    switch slider.target {
    case .dimension(let d):
      // The attributes' part of the code, plus the new value (exactly it without attributes).
      if code.indices.contains(d) { code[d] = newValue + (code[d] - z[d]) }
    case .attribute(let name):
      guard let attribute = model.attributes.first(where: { $0.name == name }),
        attribute.direction.count == code.count
      else { break }
      let delta = newValue - value(of: slider)
      for i in code.indices { code[i] += delta * attribute.direction[i] }
    }
    return code
  }
}
