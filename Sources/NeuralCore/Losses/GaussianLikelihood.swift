/// −log N(x | μ, σ²) summed over pixels, with one σ shared by all pixels:
/// `½((x − μ)/σ)² + log σ + ½ log 2π` per value.
package enum GaussianLikelihood {
  /// ½ log 2π.
  package static let halfLogTwoPi: Float = 0.918_938_53

  /// Returns Σ NLL (nats) over `count` values, writes `scale · dNLL/dμ` into
  /// `gradient`, and returns `scale · dNLL/dlog σ` (for a learned σ).
  package static func negativeLogLikelihood(
    means: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int, logSigma: Float,
    gradientScale scale: Float, gradient: UnsafeMutablePointer<Float>
  ) -> (nll: Double, logSigmaGradient: Float) {
    let inverseVariance = FastMath.exp(-2 * logSigma)
    var squares = 0.0
    var start = 0
    while start < count {
      let end = min(start + 4096, count)
      var lanes = FastMath.Vector()
      VectorLoop.run(end - start) { j, n in
        let i = start + j
        let d = VectorLoop.load(means, i, n) - VectorLoop.load(targets, i, n)
        lanes += d * d
        VectorLoop.store(scale * inverseVariance * d, gradient, i, n)
      }
      squares += Double(lanes.sum())
      start = end
    }
    let n = Double(count)
    let nll = 0.5 * squares * Double(inverseVariance) + n * Double(logSigma + halfLogTwoPi)
    // d/dlog σ of ½ d² e^{−2 log σ} + log σ is 1 − d² e^{−2 log σ}.
    let logSigmaGradient = scale * Float(n - squares * Double(inverseVariance))
    return (nll, logSigmaGradient)
  }
}
