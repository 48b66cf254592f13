import Foundation
import NeuralCore
import ReferenceModels
import Testing

@Suite("Likelihoods and KL")
struct LossTests {
  @Test func bernoulliMatchesTheDefinitionAndIsStable() {
    let logits: [Float] = [-200, -3, -0.5, 0, 0.7, 4, 150]
    let targets: [Float] = [0, 0.2, 1, 0.5, 0.9, 1, 0]
    var gradient = [Float](repeating: 0, count: logits.count)
    let nll = BernoulliLikelihood.negativeLogLikelihood(
      logits: logits, targets: targets, count: logits.count, gradientScale: 0.5,
      gradient: &gradient)
    // −[x log σ(l) + (1−x) log(1−σ(l))], with log σ(l) = −log(1 + e^{−l}).
    var expected = 0.0
    for (l, x) in zip(logits.map(Double.init), targets.map(Double.init)) {
      let logSigmoid = -(max(-l, 0) + Foundation.log(1 + Foundation.exp(-abs(l))))
      let logOneMinus = -(max(l, 0) + Foundation.log(1 + Foundation.exp(-abs(l))))
      expected -= x * logSigmoid + (1 - x) * logOneMinus
    }
    #expect(abs(nll - expected) / expected < 1e-6)
    for i in logits.indices {
      let sigmoid = 1 / (1 + Foundation.exp(-Double(logits[i])))
      #expect(abs(Double(gradient[i]) - 0.5 * (sigmoid - Double(targets[i]))) < 1e-6)
    }
  }

  @Test func gaussianGradientsMatchFiniteDifferences() {
    let means: [Float] = [0.1, 0.5, 0.9, 0.3]
    let targets: [Float] = [0.2, 0.4, 1.0, 0.0]
    let logSigma: Float = -1.2
    var gradient = [Float](repeating: 0, count: 4)
    let (nll, dLogSigma) = GaussianLikelihood.negativeLogLikelihood(
      means: means, targets: targets, count: 4, logSigma: logSigma, gradientScale: 1,
      gradient: &gradient)
    func reference(_ mu: [Double], _ logSigma: Double) -> Double {
      zip(mu, targets).reduce(0) { sum, pair in
        let sigma = Foundation.exp(logSigma)
        let d = (pair.0 - Double(pair.1)) / sigma
        return sum + 0.5 * d * d + logSigma + 0.5 * Foundation.log(2 * Double.pi)
      }
    }
    let mu = means.map(Double.init)
    #expect(abs(nll - reference(mu, Double(logSigma))) < 1e-4)
    let numeric = numericalGradient(of: { reference($0, Double(logSigma)) }, at: mu)
    #expect(maxRelativeError(gradient, numeric) < 1e-4)
    let numericSigma = numericalGradient(of: { reference(mu, $0[0]) }, at: [Double(logSigma)])
    #expect(maxRelativeError([dLogSigma], numericSigma) < 1e-4)
  }

  @Test func klMatchesFiniteDifferencesAndIsZeroAtThePrior() {
    let mu: [Float] = [0, 0.5, -1.5, 2]
    let logVariance: [Float] = [0, -0.7, 0.4, -3]
    var dMu = [Float](repeating: 0, count: 4)
    var dLv = [Float](repeating: 0, count: 4)
    let kl = GaussianKL.divergence(
      means: mu, logVariances: logVariance, count: 4, gradientScale: 1, meanGradient: &dMu,
      logVarianceGradient: &dLv)
    func reference(_ m: [Double], _ lv: [Double]) -> Double {
      zip(m, lv).reduce(0) { $0 - 0.5 * (1 + $1.1 - $1.0 * $1.0 - Foundation.exp($1.1)) }
    }
    let m = mu.map(Double.init)
    let lv = logVariance.map(Double.init)
    #expect(abs(kl - reference(m, lv)) < 1e-5)
    #expect(maxRelativeError(dMu, numericalGradient(of: { reference($0, lv) }, at: m)) < 1e-5)
    #expect(maxRelativeError(dLv, numericalGradient(of: { reference(m, $0) }, at: lv)) < 1e-5)
    var zero = [Float](repeating: 0, count: 1)
    var zero2 = [Float](repeating: 0, count: 1)
    #expect(
      GaussianKL.divergence(
        means: [0], logVariances: [0], count: 1, gradientScale: 1, meanGradient: &zero,
        logVarianceGradient: &zero2) == 0)
  }
}
