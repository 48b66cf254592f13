import Classification

/// One measured configuration of a recognition experiment: features × classifier ×
/// whether generated faces were added to the train set.
package struct RecognitionCondition: Hashable, Sendable {
  /// Where the features come from.
  package enum Features: String, Hashable, Sendable, CaseIterable {
    /// Posterior means of the VAE, `[D]` per face.
    case latent
    /// The image as the model sees it, `[C·H·W]` values in [0, 1].
    case pixels
  }

  package var features: Features
  package var method: ClassifierMethod
  package var augmented: Bool

  package init(features: Features, method: ClassifierMethod, augmented: Bool) {
    self.features = features
    self.method = method
    self.augmented = augmented
  }
}
