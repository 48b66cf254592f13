import LatentBasics
import NeuralCore

extension VAEConfig {
  /// Checks sizes, every layer's arguments, that the layers chain, and the parameters and
  /// memory per image against ``ModelLimits``, before anything is allocated.
  package func validate() throws(LatentError) {
    _ = try VAEBlueprint(config: self)
  }

  /// Checks the image size, latent size, every layer's arguments and the likelihood
  /// (not yet whether the layers chain: ``VAEBlueprint`` does that).
  func validateArguments() throws(LatentError) {
    guard channels == 1 || channels == 3 else {
      throw LatentError(.configuration, "channels must be 1 or 3, not \(channels)")
    }
    let side = ModelLimits.imageSide
    guard (1...side).contains(height), (1...side).contains(width) else {
      throw LatentError(
        .configuration, "image size \(width)×\(height) out of range (1 to \(side) pixels a side)")
    }
    guard (1...ModelLimits.latentDimensions).contains(latentDimensions) else {
      throw LatentError(
        .configuration,
        "latent_dim \(latentDimensions) out of range (1 to \(ModelLimits.latentDimensions))")
    }
    guard !encoder.isEmpty, !decoder.isEmpty else {
      throw LatentError(.configuration, "encoder and decoder need at least one layer each")
    }
    for spec in encoder + decoder + (meanHead ?? []) + (logVarianceHead ?? []) {
      try spec.kind.validate()
      if let name = spec.name, name.isEmpty || name.hasPrefix(".") || name.hasSuffix(".") {
        throw LatentError(.configuration, "layer name '\(name)' is not a state_dict prefix")
      }
    }
    if case .bernoulli = likelihood {
      if decoder.last?.kind == .activation(.sigmoid) {
        throw LatentError(
          .configuration, "a Bernoulli decoder outputs logits: drop the final Sigmoid")
      }
      if outputRange != nil {
        throw LatentError(
          .configuration, "output_range is for Gaussian decoders; a Bernoulli one outputs logits")
      }
    }
    if let normalization = inputNormalization {
      guard normalization.mean.count == channels, normalization.std.count == channels,
        normalization.mean.allSatisfy(\.isFinite),
        normalization.std.allSatisfy({ $0.isFinite && $0 > 0 })
      else {
        throw LatentError(
          .configuration,
          "input_normalize needs \(channels) finite means and \(channels) positive stds")
      }
    }
  }
}
