import Classification
import LatentBasics
import NeuralCore
import Foundation
import Testing

@Suite("Logistic regression")
struct LogisticRegressionTests {
  @Test("the gradient of the objective matches central finite differences of the loss")
  func gradientMatchesFiniteDifferences() {
    let data = ClusterData(classes: 3, perClass: 4, dimensions: 5, noise: 1, seed: 11)
    var random = SeededGenerator(seed: 5)
    let weights = (0..<15).map { _ in random.normal() * 0.5 }
    let bias = (0..<3).map { _ in random.normal() * 0.5 }
    let l2: Float = 0.3
    func loss(_ w: [Float], _ b: [Float]) -> Double {
      LogisticRegression.objective(
        weights: w, bias: b, features: data.features, labels: data.labels, classes: 3, l2: l2
      ).loss
    }
    let analytic = LogisticRegression.objective(
      weights: weights, bias: bias, features: data.features, labels: data.labels, classes: 3, l2: l2
    )
    let h: Float = 1e-2
    /// Largest |central difference − analytic| over `values`, with `loss` of the changed copy.
    func worstError(_ values: [Float], _ analytic: [Float], _ loss: ([Float]) -> Double) -> Double {
      values.indices.map { i in
        var plus = values
        var minus = values
        plus[i] += h
        minus[i] -= h
        return abs((loss(plus) - loss(minus)) / Double(2 * h) - Double(analytic[i]))
      }.max() ?? 0
    }
    let worst = max(
      worstError(weights, analytic.weightGradient) { loss($0, bias) },
      worstError(bias, analytic.biasGradient) { loss(weights, $0) })
    let scale = (analytic.weightGradient + analytic.biasGradient).map { abs(Double($0)) }.max() ?? 1
    #expect(scale > 0.01, "the gradient is not trivially zero")
    print("logistic gradient: largest difference \(worst), largest component \(scale)")
    #expect(worst < 1e-3 * max(1, scale), "largest difference \(worst)")
  }

  @Test("the logits' gradient is (softmax − one-hot)/N, with no subnormal entry")
  func residualsAreExactOrZeroNeverSubnormal() {
    // Rows whose other classes lie 85–110 nats below the largest: their probabilities
    // divided by N fall below Float's normal range (about 1.2e-38).
    let logits: [Float] = [0, -100, -90, 5, 3, -87, 2, 2, -110, 40, 0, 1]
    let labels = [3, 0, 1]
    let (n, classes) = (3, 4)
    let (loss, residuals) = LogisticRegression.softmaxResiduals(
      logits: logits, labels: labels, classes: classes)
    var expectedLoss = 0.0
    var subnormalInExact = 0
    for row in 0..<n {
      let values = logits[(row * classes)..<((row + 1) * classes)].map(Double.init)
      let normalizer = log(values.map { exp($0) }.reduce(0, +))
      expectedLoss += (normalizer - values[labels[row]]) / Double(n)
      for c in 0..<classes {
        let exact = (exp(values[c] - normalizer) - (c == labels[row] ? 1 : 0)) / Double(n)
        if exact != 0 && abs(exact) < Double(Float.leastNormalMagnitude) { subnormalInExact += 1 }
        let got = residuals[row * classes + c]
        #expect(got == 0 || got.isNormal, "row \(row) class \(c): \(got) is subnormal")
        // Float's rounding of a probability near 1 (half an ulp, 6e-8), divided by N.
        let allowed = max(Double(Float.leastNormalMagnitude), 1e-6 * abs(exact), 1e-7 / Double(n))
        #expect(abs(Double(got) - exact) <= allowed, "row \(row) class \(c): \(got) vs \(exact)")
      }
    }
    #expect(subnormalInExact >= 3, "the case does reach below the normal range")
    #expect(abs(loss - expectedLoss) < 1e-6 * max(1, expectedLoss))
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
    let (train, test) = ClusterData.trainAndTest(classes: 5, perClass: 20, dimensions: 8, seed: 21)
    let model = LogisticRegression.fit(features: train.features, labels: train.labels, classes: 5)
    let report = ClassificationReport(
      truth: test.labels, predictions: model.predict(test.features), classes: 5)
    #expect(report.accuracy > 0.9, "accuracy \(report.accuracy)")
  }
}
