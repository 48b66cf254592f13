/// p(x | z): how the decoder's output scores an image with values in [0, 1].
package enum Likelihood: Hashable, Sendable {
  /// Independent Bernoulli pixels; the decoder outputs logits, the image is σ(logits).
  case bernoulli
  /// Independent Gaussians with one σ for all pixels; the decoder outputs the mean.
  /// `learned` makes log σ a trained parameter (`log_sigma`) starting at `sigma`.
  case gaussian(sigma: Float, learned: Bool)

  /// `bernoulli`, `gaussian` or `gaussian-learned`.
  package var name: String {
    switch self {
    case .bernoulli: "bernoulli"
    case .gaussian(_, let learned): learned ? "gaussian-learned" : "gaussian"
    }
  }
}

extension Likelihood: Codable {
  private enum Key: String, CodingKey { case kind, sigma, learned }

  package init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    switch try c.decode(String.self, forKey: .kind) {
    case "bernoulli": self = .bernoulli
    case "gaussian":
      let sigma = try c.decodeIfPresent(Float.self, forKey: .sigma) ?? 0.1
      guard sigma.isFinite, sigma > 0 else {
        throw DecodingError.dataCorruptedError(
          forKey: .sigma, in: c, debugDescription: "sigma must be positive")
      }
      self = .gaussian(
        sigma: sigma, learned: try c.decodeIfPresent(Bool.self, forKey: .learned) ?? false)
    case let other:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: c, debugDescription: "unknown likelihood '\(other)'")
    }
  }

  package func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    switch self {
    case .bernoulli: try c.encode("bernoulli", forKey: .kind)
    case .gaussian(let sigma, let learned):
      try c.encode("gaussian", forKey: .kind)
      try c.encode(sigma, forKey: .sigma)
      try c.encode(learned, forKey: .learned)
    }
  }
}
