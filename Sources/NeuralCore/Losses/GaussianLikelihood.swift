internal import CKernels

/// −log N(x | μ, σ²) summed over pixels, with one σ shared by all pixels:
/// `½((x − μ)/σ)² + log σ + ½ log 2π` per value.
package enum GaussianLikelihood {
  /// ½ log 2π.
  package static let halfLogTwoPi: Float = 0.918_938_53

  /// Returns Σ NLL (nats) over `count` values, writes `scale · dNLL/dμ` into
  /// `gradient`, and returns `scale · dNLL/dlog σ` (for a learned σ); the squares are summed
  /// in CKernels at `level` (Float lanes per 4096 values, added in Double).
  package static func negativeLogLikelihood(
    means: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int, logSigma: Float,
    gradientScale scale: Float, gradient: UnsafeMutablePointer<Float>,
    level: KernelLevel = .current
  ) -> (nll: Double, logSigmaGradient: Float) {
    let inverseVariance = FastMath.exp(-2 * logSigma)
    let squares = latent_gaussian_squared_error(
      level.c, count, means, targets, scale * inverseVariance, gradient)
    let n = Double(count)
    let nll = 0.5 * squares * Double(inverseVariance) + n * Double(logSigma + halfLogTwoPi)
    // d/dlog σ of ½ d² e^{−2 log σ} + log σ is 1 − d² e^{−2 log σ}.
    let logSigmaGradient = scale * Float(n - squares * Double(inverseVariance))
    return (nll, logSigmaGradient)
  }
}
