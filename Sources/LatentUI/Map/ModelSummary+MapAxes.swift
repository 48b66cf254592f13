import FaceVAE

/// The directions the map can put on its axes: every slider of every bank.
extension ModelSummary {
  /// PCA directions, the dimensions by KL, SeFa directions, then the attributes: the map's
  /// axes in the order `[` `]` and `{` `}` step through them (the first two are the default).
  package var mapAxes: [MapAxis] {
    var seen = Set<Slider.Target>()
    let all = [SliderBank.pca, .dimensions, .sefa, .attributes].flatMap { self.sliders(of: $0) }
    return all.compactMap { slider in
      guard seen.insert(slider.target).inserted else { return nil }
      return mapAxis(for: slider)
    }
  }

  /// The map axis that shows `slider`'s value, if the model has its direction.
  package func mapAxis(for slider: Slider) -> MapAxis? {
    let d = latentDimensions
    switch slider.target {
    case .dimension(let index):
      guard index >= 0, index < d else { return nil }
      var weights = [Float](repeating: 0, count: d)
      weights[index] = 1
      return MapAxis(target: slider.target, name: slider.name, weights: weights)
    case .attribute(let name):
      guard let attribute = attribute(named: name), attribute.direction.count == d else {
        return nil
      }
      return MapAxis(
        target: slider.target, name: slider.name,
        weights: attribute.direction.map { $0 / attribute.spread },
        bias: attribute.offset / attribute.spread)
    case .direction(let bank, let index):
      guard let axis = axis(bank: bank, index: index), axis.direction.count == d else {
        return nil
      }
      return MapAxis(
        target: slider.target, name: slider.name,
        weights: axis.direction.map { $0 / axis.scale })
    }
  }
}
