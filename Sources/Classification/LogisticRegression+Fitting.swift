internal import NeuralCore

extension LogisticRegression {
  /// Fits a model to `features` (`[N, D]`, raw: the scaling is fitted here) with `labels` (`[N]`
  /// in `0..<classes`) by full-batch Adam from zero weights; deterministic.
  package static func fit(
    features: FeatureMatrix, labels: [Int], classes: Int,
    settings: LogisticRegressionSettings = LogisticRegressionSettings()
  ) -> LogisticRegression {
    precondition(classes >= 1 && labels.allSatisfy { (0..<classes).contains($0) })
    let scaling = FeatureScaling(fitting: features)
    let scaled = scaling.apply(features)
    let weights = Parameter(name: "weight", shape: [classes, features.columns])
    let bias = Parameter(name: "bias", shape: [classes])
    var adamSettings = Adam.Settings()
    adamSettings.learningRate = settings.learningRate
    let adam = Adam(parameters: [weights, bias], settings: adamSettings)
    for _ in 0..<settings.iterations {
      let step = objective(
        weights: weights.values, bias: bias.values, features: scaled, labels: labels,
        classes: classes, l2: settings.l2)
      for (i, g) in step.weightGradient.enumerated() { weights.gradient[i] = g }
      for (i, g) in step.biasGradient.enumerated() { bias.gradient[i] = g }
      adam.update()
    }
    return LogisticRegression(
      classes: classes, scaling: scaling, weights: weights.values, bias: bias.values)
  }
}
