/// One slider of Explore mode: a latent dimension, or an attribute direction.
package struct Slider: Hashable, Sendable {
  /// What the slider moves.
  package enum Target: Hashable, Sendable {
    /// Component `index` of z.
    case dimension(Int)
    /// z along the unit direction of attribute `name`.
    case attribute(String)
  }

  package var target: Target
  /// The label shown (`z7`, `smile`).
  package var name: String
  /// Mean KL of the dimension over the data, nats (nil for attributes or when unknown).
  package var kl: Float?
  /// Whether the dimension carries information (KL at or above the threshold).
  package var isActive: Bool

  /// Slider values are in σ of the prior and stay in this range.
  package static let range: ClosedRange<Float> = -3...3
  /// KL below this (nats) marks a dimension inactive.
  package static let activeThreshold: Float = 0.05

  package init(target: Target, name: String, kl: Float?, isActive: Bool = true) {
    self.target = target
    self.name = name
    self.kl = kl
    self.isActive = isActive
  }
}
