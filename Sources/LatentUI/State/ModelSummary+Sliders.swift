import FaceVAE
import LatentBasics

/// The sliders of each bank, and the axes they move along.
extension ModelSummary {
  /// The attribute `name`, if the model has it.
  package func attribute(named name: String) -> Attribute? {
    attributes.first { $0.name == name }
  }

  /// Direction `index` of bank `name` with its σ (code units, positive), if there is one.
  package func axis(bank name: String, index: Int) -> FaceModel.Axis? {
    guard let bank = banks[name], index >= 0, index < bank.count else { return nil }
    let scale = bank.scales[index]
    return FaceModel.Axis(
      direction: bank.directions[index], scale: scale > 0 && scale.isFinite ? scale : 1)
  }

  /// Whether `bank` has sliders for this model.
  package func hasSliders(_ bank: SliderBank) -> Bool {
    switch bank {
    case .dimensions: true
    case .pca, .sefa: (banks[bank.rawValue]?.count ?? 0) > 0
    case .attributes: !attributes.isEmpty
    }
  }

  /// The sliders of `bank`: dimensions by KL then the attributes; a bank's directions named
  /// `pca3`, `sefa0` (the point `pca:3` is one σ along `pca3`) with the eigenvalue (SeFa) or
  /// σ (PCA); the attributes with their held-out accuracy.
  package func sliders(of bank: SliderBank) -> [Slider] {
    switch bank {
    case .dimensions:
      return dimensionsByKL.map { d -> Slider in
        let kl = klPerDimension.map { $0[d] }
        return Slider(
          target: .dimension(d), name: "z\(d)", kl: kl,
          isActive: (kl ?? 1) >= Slider.activeThreshold)
      } + attributeSliders
    case .attributes:
      return attributeSliders
    case .pca, .sefa:
      guard let directions = banks[bank.rawValue] else { return [] }
      return (0..<directions.count).map { k in
        let note: String
        if bank == .sefa, let eigenvalues = directions.eigenvalues {
          note = "λ" + Self.short(eigenvalues[k])
        } else {
          note = "σ" + Self.short(directions.scales[k])
        }
        return Slider(
          target: .direction(bank: bank.rawValue, index: k), name: "\(bank.rawValue)\(k)",
          kl: nil, note: note)
      }
    }
  }

  private var attributeSliders: [Slider] {
    attributes.map { attribute in
      let accuracy = attribute.accuracy.map { "\(Int(($0 * 100).rounded()))%" }
      return Slider(
        target: .attribute(attribute.name), name: attribute.name, kl: nil, note: accuracy)
    }
  }

  /// `value` in at most 5 characters: 3 significant digits below 1000, else a whole number.
  static func short(_ value: Float) -> String {
    let magnitude = abs(value)
    let digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2
    return String(format: "%.\(digits)f", Double(value))
  }
}
