internal import CKernels

/// KL(N(μ, e^{logvar}) ‖ N(0, 1)) in closed form: `−½(1 + lv − μ² − e^{lv})` per dimension.
package enum GaussianKL {
  /// Returns Σ KL (nats) over `count` values and *adds* `scale · dKL/dμ = scale · μ`
  /// and `scale · dKL/dlv = scale · ½(e^{lv} − 1)` to the gradients; in CKernels at `level`
  /// (the sum in Float lanes).
  package static func divergence(
    means: UnsafePointer<Float>, logVariances: UnsafePointer<Float>, count: Int,
    gradientScale scale: Float,
    meanGradient: UnsafeMutablePointer<Float>, logVarianceGradient: UnsafeMutablePointer<Float>,
    level: KernelLevel = .current
  ) -> Double {
    latent_gaussian_kl(
      level.c, count, means, logVariances, scale, meanGradient, logVarianceGradient)
  }

  /// Σ KL per latent dimension over a batch of `[N, dimensions]` means and log-variances:
  /// `perDimension[d] += Σₙ KLₙ,d`.
  package static func accumulate(
    means: [Float], logVariances: [Float], dimensions: Int, into perDimension: inout [Double]
  ) {
    precondition(means.count == logVariances.count && perDimension.count == dimensions)
    guard dimensions > 0 else { return }
    means.withUnsafeBufferPointer { mu in
      logVariances.withUnsafeBufferPointer { lv in
        perDimension.withUnsafeMutableBufferPointer { sums in
          guard let mu = mu.baseAddress, let lv = lv.baseAddress, let sums = sums.baseAddress
          else { return }
          accumulate(
            means: mu, logVariances: lv, batch: means.count / dimensions, dimensions: dimensions,
            into: sums)
        }
      }
    }
  }

  /// Σ KL per latent dimension over a batch: `perDimension[d] += Σₙ KLₙ,d`.
  package static func accumulate(
    means: UnsafePointer<Float>, logVariances: UnsafePointer<Float>, batch: Int, dimensions: Int,
    into perDimension: UnsafeMutablePointer<Double>
  ) {
    for n in 0..<batch {
      for d in 0..<dimensions {
        let i = n * dimensions + d
        let lv = logVariances[i]
        perDimension[d] += Double(-0.5 * (1 + lv - means[i] * means[i] - FastMath.exp(lv)))
      }
    }
  }
}
