import FaceVAE
import LatentBasics

/// Explore's ±2σ previews of the selected slider.
extension AppState {
  /// Asks for the previews when Explore shows them and they changed since the last request:
  /// another slider was chosen or another slider moved (moving the chosen one changes nothing).
  mutating func previewEffects() -> [AppEffect] {
    guard mode == .explore, sliders.indices.contains(selected), !Layout(self).previewRects.isEmpty
    else { return [] }
    let slider = sliders[selected]
    let codes = SliderPreview.offsets.map { (try? code(setting: slider, to: $0)) ?? z }
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

  /// The code with `slider` at `newValue` σ: a dimension set; the code moved along an
  /// attribute's normal (orthogonal to the held attributes' normals) to that signed distance;
  /// or moved along a bank's direction.
  /// - Throws: a ``LatentError`` when the held attributes leave the attribute no way to move.
  package func code(setting slider: Slider, to newValue: Float) throws(LatentError) -> [Float] {
    var code = z
    switch slider.target {
    case .dimension(let d):
      if code.indices.contains(d) { code[d] = newValue }
    case .attribute(let name):
      guard let attribute = model.attribute(named: name), attribute.direction.count == code.count
      else { break }
      let held = model.attributes.filter { $0.name != name && heldAttributes.contains($0.name) }
      code = try attribute.boundary.setting(
        code, distance: newValue, holding: held.map(\.direction))
    case .direction(let bank, let index):
      guard let axis = model.axis(bank: bank, index: index), axis.direction.count == code.count
      else { break }
      let delta = (newValue - value(of: slider)) * axis.scale
      for i in code.indices { code[i] += delta * axis.direction[i] }
    }
    return code
  }
}
