import LatentBasics
import NeuralCore

extension VAEConfig {
  /// The most values a model may have: 256 M parameters (1 GiB of Float32).
  static let parameterLimit = 1 << 28

  /// Checks sizes and every layer's arguments before anything is allocated.
  package func validate() throws(LatentError) {
    guard channels == 1 || channels == 3 else {
      throw LatentError(.configuration, "channels must be 1 or 3, not \(channels)")
    }
    guard (1...4096).contains(height), (1...4096).contains(width) else {
      throw LatentError(.configuration, "image size \(width)×\(height) out of range")
    }
    guard (1...65536).contains(latentDimensions) else {
      throw LatentError(.configuration, "latent_dim \(latentDimensions) out of range")
    }
    guard !encoder.isEmpty, !decoder.isEmpty else {
      throw LatentError(.configuration, "encoder and decoder need at least one layer each")
    }
    var parameters = 0
    for spec in encoder + decoder {
      try spec.validate()
      switch spec {
      case .linear(let i, let o): parameters += i * o + o
      case .conv2d(let i, let o, let k, _, _), .convTranspose2d(let i, let o, let k, _, _, _):
        parameters += i * o * k * k + o
      default: break
      }
      guard parameters <= Self.parameterLimit else {
        throw LatentError(.configuration, "more than \(Self.parameterLimit) parameters")
      }
    }
    if case .bernoulli = likelihood, case .sigmoid = decoder.last {
      throw LatentError(.configuration, "a Bernoulli decoder outputs logits: drop the final Sigmoid")
    }
  }
}
