internal import NeuralCore

/// Multinomial logistic regression: `p(class | x) = softmax(W·s(x) + b)`, with `s` the
/// ``FeatureScaling`` of the training features, weights `W` `[C, D]` and bias `b` `[C]`.
///
/// Classes are `0..<classes`; ``fit(features:labels:classes:settings:)`` trains one.
package struct LogisticRegression: Sendable {
  /// Number of classes C.
  package let classes: Int
  /// Standardisation applied before the linear map.
  package let scaling: FeatureScaling
  /// Weights, `[C, D]` row-major.
  package let weights: [Float]
  /// Biases, `[C]`.
  package let bias: [Float]

  /// A model from its parts (`weights.count == classes × scaling.mean.count`).
  package init(classes: Int, scaling: FeatureScaling, weights: [Float], bias: [Float]) {
    precondition(weights.count == classes * scaling.mean.count && bias.count == classes)
    self.classes = classes
    self.scaling = scaling
    self.weights = weights
    self.bias = bias
  }

  /// The most probable class of each row of `features` (`[M, D]`), `[M]`.
  package func predict(_ features: FeatureMatrix) -> [Int] {
    let logits = Self.logits(
      of: scaling.apply(features), weights: weights, bias: bias, classes: classes)
    return (0..<features.rows).map { row in
      let slice = logits[(row * classes)..<((row + 1) * classes)]
      return (slice.indices.max { slice[$0] < slice[$1] } ?? slice.startIndex) - row * classes
    }
  }

  /// `X·Wᵀ + b` for `X` `[N, D]`, `W` `[C, D]`, `b` `[C]`: logits `[N, C]`.
  static func logits(of features: FeatureMatrix, weights: [Float], bias: [Float], classes: Int)
    -> [Float]
  {
    let n = features.rows
    var logits = [Float](repeating: 0, count: n * classes)
    for row in 0..<n {
      for c in 0..<classes { logits[row * classes + c] = bias[c] }
    }
    BLAS.gemm(
      transposeB: true, m: n, n: classes, k: features.columns, features.values, weights, beta: 1,
      &logits)
    return logits
  }
}
