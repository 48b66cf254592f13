/// One slider of Explore mode: a latent dimension, an attribute boundary, or a bank's direction.
package struct Slider: Hashable, Sendable {
  /// What the slider moves.
  package enum Target: Hashable, Sendable {
    /// Component `index` of z.
    case dimension(Int)
    /// The signed distance of z from attribute `name`'s boundary, in its spread.
    case attribute(String)
    /// z along direction `index` of the bank `bank` (`pca`, `sefa`), in that direction's σ.
    case direction(bank: String, index: Int)
  }

  package var target: Target
  /// The label shown (`z7`, `smile`).
  package var name: String
  /// Mean KL of the dimension over the data, nats (nil for attributes or when unknown).
  package var kl: Float?
  /// A short fact shown in place of the KL bar (a direction's eigenvalue, an attribute's
  /// accuracy), if any.
  package var note: String?
  /// Whether the dimension carries information (KL at or above the threshold).
  package var isActive: Bool

  /// Slider values are in σ of the prior and stay in this range.
  package static let range: ClosedRange<Float> = -3...3
  /// KL below this (nats) marks a dimension inactive.
  package static let activeThreshold: Float = 0.05

  package init(
    target: Target, name: String, kl: Float?, isActive: Bool = true, note: String? = nil
  ) {
    self.target = target
    self.name = name
    self.kl = kl
    self.isActive = isActive
    self.note = note
  }
}
