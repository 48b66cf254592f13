internal import NeuralCore
import Glibc

extension LogisticRegression {
  /// The training objective and its gradient.
  ///
  /// `loss = (1/N)·Σₙ −log softmax(W·xₙ + b)[yₙ] + (l2/2)·‖W‖²` in nats, for features `[N, D]`
  /// (already standardised), labels `[N]` in `0..<classes`, `W` `[C, D]` and `b` `[C]`.
  /// - Returns: the loss, `∂loss/∂W` `[C, D]` and `∂loss/∂b` `[C]`.
  package static func objective(
    weights: [Float], bias: [Float], features: FeatureMatrix, labels: [Int], classes: Int,
    l2: Float
  ) -> (loss: Double, weightGradient: [Float], biasGradient: [Float]) {
    let n = features.rows
    let d = features.columns
    precondition(labels.count == n && n > 0, "one label per row")
    precondition(weights.count == classes * d && bias.count == classes)
    let (meanLoss, residuals) = softmaxResiduals(
      logits: logits(of: features, weights: weights, bias: bias, classes: classes),
      labels: labels, classes: classes)
    var loss = meanLoss
    var penalty = 0.0
    for w in weights { penalty += Double(w) * Double(w) }
    loss += Double(l2) / 2 * penalty
    // ∂W = (P − Y)ᵀ·X / N + l2·W ; ∂b = column sums of (P − Y) / N.
    var weightGradient = weights.map { $0 * l2 }
    BLAS.gemm(
      transposeA: true, m: classes, n: d, k: n, residuals, features.values, beta: 1,
      &weightGradient)
    var biasGradient = [Float](repeating: 0, count: classes)
    for row in 0..<n {
      for c in 0..<classes { biasGradient[c] += residuals[row * classes + c] }
    }
    return (loss, weightGradient, biasGradient)
  }

  /// The mean cross-entropy of `logits` (`[N, C]`) against `labels` (`[N]`) in nats, and its
  /// gradient with respect to the logits: `(softmax(logits) − onehot(labels))/N`, `[N, C]`.
  ///
  /// An entry of the gradient below Float's normal range (a class whose probability has
  /// underflowed, as after a long fit on pixels, where one in eight entries did) is 0: its
  /// share of the weight gradient is under 10⁻³⁸, and subnormal values would cost some CPUs a
  /// microcode assist on every multiply-add of the product that reads them.
  package static func softmaxResiduals(logits: [Float], labels: [Int], classes: Int)
    -> (loss: Double, residuals: [Float])
  {
    let n = labels.count
    precondition(logits.count == n * classes && n > 0, "one row of logits per label")
    var residuals = logits
    var loss = 0.0
    // The probability below which p/N would be subnormal.
    let smallest = Double(Float.leastNormalMagnitude) * Double(n)
    for row in 0..<n {
      let base = row * classes
      var largest = -Float.infinity
      for c in 0..<classes { largest = max(largest, residuals[base + c]) }
      var total = 0.0
      for c in 0..<classes { total += Double(exp(residuals[base + c] - largest)) }
      let logNormalizer = Double(largest) + log(total)
      loss -= Double(residuals[base + labels[row]]) - logNormalizer
      for c in 0..<classes {
        let probability = exp(Double(residuals[base + c]) - logNormalizer)
        if c != labels[row] && probability < smallest {
          residuals[base + c] = 0
        } else {
          residuals[base + c] = (Float(probability) - (c == labels[row] ? 1 : 0)) / Float(n)
        }
      }
    }
    return (loss / Double(n), residuals)
  }
}
