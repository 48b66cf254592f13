internal import CKernels

/// −log p(x | logits) for pixels x ∈ [0, 1] under independent Bernoulli
/// distributions with the given logits: binary cross-entropy with logits,
/// `max(l, 0) − l·x + log(1 + e^{−|l|})`, stable for every logit.
package enum BernoulliLikelihood {
  /// Returns Σ over all `count` values of the negative log-likelihood (nats) and
  /// writes `scale · dNLL/dlogit = scale · (σ(l) − x)` into `gradient`.
  package static func negativeLogLikelihood(
    logits: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
    gradientScale scale: Float, gradient: UnsafeMutablePointer<Float>?,
    level: KernelLevel = .current
  ) -> Double {
    latent_bernoulli_negative_log_likelihood(level.c, count, logits, targets, scale, gradient)
  }
}
