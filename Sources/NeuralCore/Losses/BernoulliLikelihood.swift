/// −log p(x | logits) for pixels x ∈ [0, 1] under independent Bernoulli
/// distributions with the given logits: binary cross-entropy with logits,
/// `max(l, 0) − l·x + log(1 + e^{−|l|})`, stable for every logit.
package enum BernoulliLikelihood {
  /// Returns Σ over all `count` values of the negative log-likelihood (nats) and
  /// writes `scale · dNLL/dlogit = scale · (σ(l) − x)` into `gradient`.
  package static func negativeLogLikelihood(
    logits: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
    gradientScale scale: Float, gradient: UnsafeMutablePointer<Float>
  ) -> Double {
    var total: Double = 0
    // Sum in blocks of Float so the inner loop vectorises, then in Double.
    var start = 0
    while start < count {
      let end = min(start + 4096, count)
      var block: Float = 0
      for i in start..<end {
        let l = logits[i]
        let x = targets[i]
        let e = FastMath.exp(-abs(l))
        block += max(l, 0) - l * x + FastMath.log(1 + e)
        // σ(l) from the same exponential: 1/(1+e) for l ≥ 0, e/(1+e) below.
        let r = 1 / (1 + e)
        let sigmoid = l >= 0 ? r : e * r
        gradient[i] = scale * (sigmoid - x)
      }
      total += Double(block)
      start = end
    }
    return total
  }

  /// Σ of the negative log-likelihood only (no gradient).
  package static func negativeLogLikelihood(
    logits: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int
  ) -> Double {
    var total: Double = 0
    var start = 0
    while start < count {
      let end = min(start + 4096, count)
      var block: Float = 0
      for i in start..<end {
        let l = logits[i]
        block += max(l, 0) - l * targets[i] + FastMath.log(1 + FastMath.exp(-abs(l)))
      }
      total += Double(block)
      start = end
    }
    return total
  }
}
