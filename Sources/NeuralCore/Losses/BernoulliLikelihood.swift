/// −log p(x | logits) for pixels x ∈ [0, 1] under independent Bernoulli
/// distributions with the given logits: binary cross-entropy with logits,
/// `max(l, 0) − l·x + log(1 + e^{−|l|})`, stable for every logit.
package enum BernoulliLikelihood {
  /// Returns Σ over all `count` values of the negative log-likelihood (nats) and
  /// writes `scale · dNLL/dlogit = scale · (σ(l) − x)` into `gradient`.
  package static func negativeLogLikelihood(
    logits: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
    gradientScale scale: Float, gradient: UnsafeMutablePointer<Float>?
  ) -> Double {
    typealias V = FastMath.Vector
    var total = 0.0
    // Sum blocks in Float lanes, then the blocks in Double.
    var start = 0
    while start < count {
      let end = min(start + 4096, count)
      var lanes = V()
      VectorLoop.run(end - start) { j, n in
        let i = start + j
        let l = VectorLoop.load(logits, i, n)
        let x = VectorLoop.load(targets, i, n)
        let e = FastMath.exp(-FastMath.abs(l))
        var term = l.replacing(with: 0, where: l .< 0) - l * x + FastMath.log(1 + e)
        if n < 8 { for lane in n..<8 { term[lane] = 0 } }
        lanes += term
        if let gradient {
          // σ(l) from the same exponential: 1/(1+e) for l ≥ 0, e/(1+e) below.
          let r = 1 / (1 + e)
          let sigmoid = r.replacing(with: e * r, where: l .< 0)
          VectorLoop.store(scale * (sigmoid - x), gradient, i, n)
        }
      }
      total += Double(lanes.sum())
      start = end
    }
    return total
  }
}
