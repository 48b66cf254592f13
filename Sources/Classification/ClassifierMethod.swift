/// A classifier the recognition experiments can train: cosine k-nearest neighbours or
/// multinomial logistic regression.
package enum ClassifierMethod: String, CaseIterable, Hashable, Sendable {
  /// ``NearestNeighbourClassifier``.
  case knn
  /// ``LogisticRegression``.
  case logistic

  /// Trains the classifier on `features` (`[N, D]`) with `labels` (`[N]` in `0..<classes`) and
  /// returns the predicted class of each row of `queries` (`[M, D]`).
  package func trainAndPredict(
    features: FeatureMatrix, labels: [Int], classes: Int, queries: FeatureMatrix,
    neighbours: Int = 1, logistic: LogisticRegressionSettings = LogisticRegressionSettings()
  ) -> [Int] {
    switch self {
    case .knn:
      return NearestNeighbourClassifier(features: features, labels: labels, neighbours: neighbours)
        .predict(queries)
    case .logistic:
      return LogisticRegression.fit(
        features: features, labels: labels, classes: classes, settings: logistic
      ).predict(queries)
    }
  }
}
