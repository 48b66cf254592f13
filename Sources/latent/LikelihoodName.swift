import ArgumentParser
import FaceVAE

/// The values of `--likelihood`: how the decoder's output is scored against the pixels.
enum LikelihoodName: String, CaseIterable, ExpressibleByArgument {
  case bernoulli
  case gaussian
  case gaussianLearned = "gaussian-learned"

  /// The likelihood this names, with `sigma` as the Gaussian's σ (its start value when learned).
  func likelihood(sigma: Float) -> Likelihood {
    switch self {
    case .bernoulli: return .bernoulli
    case .gaussian: return .gaussian(sigma: sigma, learned: false)
    case .gaussianLearned: return .gaussian(sigma: sigma, learned: true)
    }
  }
}
