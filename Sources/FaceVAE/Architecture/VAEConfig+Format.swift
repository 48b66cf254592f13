import NeuralCore

extension VAEConfig {
  /// The mean and log-variance heads for `features` values per image: the config's own,
  /// or format 1's `Linear(features, latent)` named `fc_mu` and `fc_logvar`.
  package func heads(features: Int) -> (mean: [LayerSpec], logVariance: [LayerSpec]) {
    func linear(_ name: String) -> [LayerSpec] {
      [
        LayerSpec(
          .linear(inFeatures: features, outFeatures: latentDimensions, bias: true), name: name)
      ]
    }
    return (meanHead ?? linear("fc_mu"), logVarianceHead ?? linear("fc_logvar"))
  }

  /// Whether a file must say `latent.format` 2 to hold this config: named layers, own heads,
  /// input or output mapping, or layers format 1 does not know.
  package var needsFormatTwo: Bool {
    meanHead != nil || logVarianceHead != nil || inputNormalization != nil || outputRange != nil
      || !(encoder + decoder).allSatisfy { $0.name == nil && $0.kind.isFormatOne }
  }
}

extension LayerSpec {
  /// The `state_dict` prefix of the layer at `index` of a list whose own prefix is `prefix`.
  func qualifiedName(prefix: String, index: Int) -> String { name ?? "\(prefix).\(index)" }
}
