import Classification
import Foundation
import Testing

@Suite("Logistic regression")
struct LogisticRegressionTests {
  @Test("the gradient of the objective matches central finite differences of the loss")
  func gradientMatchesFiniteDifferences() {
    let data = ClusterData(classes: 3, perClass: 4, dimensions: 5, noise: 1, seed: 11)
    var random = TestRandom(seed: 5)
    let weights = (0..<15).map { _ in random.normal() * 0.5 }
    let bias = (0..<3).map { _ in random.normal() * 0.5 }
    let l2: Float = 0.3
    func loss(_ w: [Float], _ b: [Float]) -> Double {
      LogisticRegression.objective(
        weights: w, bias: b, features: data.features, labels: data.labels, classes: 3, l2: l2
      ).loss
    }
    let analytic = LogisticRegression.objective(
      weights: weights, bias: bias, features: data.features, labels: data.labels, classes: 3, l2: l2)
    let h: Float = 1e-2
    var worst = 0.0
    for i in weights.indices {
      var plus = weights
      var minus = weights
      plus[i] += h
      minus[i] -= h
      let numeric = (loss(plus, bias) - loss(minus, bias)) / Double(2 * h)
      worst = max(worst, abs(numeric - Double(analytic.weightGradient[i])))
    }
    for c in bias.indices {
      var plus = bias
      var minus = bias
      plus[c] += h
      minus[c] -= h
      let numeric = (loss(weights, plus) - loss(weights, minus)) / Double(2 * h)
      worst = max(worst, abs(numeric - Double(analytic.biasGradient[c])))
    }
    let scale = (analytic.weightGradient + analytic.biasGradient).map { abs(Double($0)) }.max() ?? 1
    #expect(scale > 0.01, "the gradient is not trivially zero")
    #expect(worst < 2e-3 * max(1, scale), "largest difference \(worst)")
  }

  @Test("the loss at zero weights is log C, and fitting lowers it")
  func lossStartsAtLogClassesAndFalls() {
    let data = ClusterData(classes: 4, perClass: 10, dimensions: 6, noise: 1, seed: 3)
    let zero = LogisticRegression.objective(
      weights: Array(repeating: 0, count: 24), bias: Array(repeating: 0, count: 4),
      features: data.features, labels: data.labels, classes: 4, l2: 0.1)
    #expect(abs(zero.loss - log(4.0)) < 1e-6)
    let model = LogisticRegression.fit(features: data.features, labels: data.labels, classes: 4)
    let fitted = LogisticRegression.objective(
      weights: model.weights, bias: model.bias, features: model.scaling.apply(data.features),
      labels: data.labels, classes: 4, l2: LogisticRegressionSettings().l2)
    #expect(fitted.loss < 0.5 * log(4.0))
  }

  @Test("separable clusters are classified well on points it was not fitted on")
  func classifiesHeldOutPoints() {
    var random = TestRandom(seed: 21)
    let centres = (0..<(5 * 8)).map { _ in random.normal() * 3 }
    let train = ClusterData(classes: 5, perClass: 20, dimensions: 8, noise: 1, seed: 1, centres: centres)
    let test = ClusterData(classes: 5, perClass: 20, dimensions: 8, noise: 1, seed: 2, centres: centres)
    let model = LogisticRegression.fit(features: train.features, labels: train.labels, classes: 5)
    let report = ClassificationReport(
      truth: test.labels, predictions: model.predict(test.features), classes: 5)
    #expect(report.accuracy > 0.9, "accuracy \(report.accuracy)")
  }
}
