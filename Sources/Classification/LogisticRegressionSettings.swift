/// How ``LogisticRegression`` is fitted: full-batch Adam on the mean cross-entropy plus an L2
/// penalty on the weights, over standardised features.
package struct LogisticRegressionSettings: Hashable, Sendable {
  /// Weight of the penalty `(l2 / 2)·‖W‖²` (the bias is not penalised).
  package var l2: Float = 1e-3
  /// Full-batch Adam steps.
  package var iterations = 300
  /// Adam's step size.
  package var learningRate: Float = 0.01

  package init() {}
}
