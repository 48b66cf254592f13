/// The arguments of a `BatchNorm1d` (over `[N, F]`) or `BatchNorm2d` (over `[N, C, H, W]`).
package struct BatchNormSpec: Hashable, Sendable {
  /// Features (1d) or channels (2d): PyTorch's `num_features`.
  package var features: Int
  /// Whether it normalises each channel over N·H·W (`BatchNorm2d`) or each feature over N.
  package var spatial: Bool
  package var eps: Float = 1e-5
  /// Weight of a new batch in the running statistics; nil: their cumulative average.
  package var momentum: Float? = 0.1
  /// Whether it has `weight` and `bias` (γ and β).
  package var affine = true

  package init(
    features: Int, spatial: Bool, eps: Float = 1e-5, momentum: Float? = 0.1, affine: Bool = true
  ) {
    self.features = features
    self.spatial = spatial
    self.eps = eps
    self.momentum = momentum
    self.affine = affine
  }
}
