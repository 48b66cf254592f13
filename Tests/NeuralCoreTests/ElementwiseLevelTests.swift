import Foundation
import NeuralCore
import ReferenceModels
import Testing

/// CKernels' elementwise loops (activations, the Bernoulli likelihood, Adam) at every level this
/// CPU runs against the generic level, over lengths with and without a partial last vector.
///
/// The AVX2 and AVX-512 levels run the same operations with the same fused multiply-adds, so
/// their values agree bit for bit (8 or 16 lanes per vector does not matter); generic x86-64 has
/// no FMA instruction and rounds FastMath's polynomial steps apart, which moves a value by a few
/// ulp. Adam's update has no multiply-add to fuse: every level gives the same bits.
@Suite("Elementwise kernels at every level")
struct ElementwiseLevelTests {
  static let lengths = [1, 7, 8, 15, 17, 33, 203]
  static let fasterLevels = KernelLevel.allCases.filter { $0 != .generic && $0.runs(on: .current) }

  static let activations: [Activation] = [
    .relu, .leakyReLU(slope: 0.2), .tanh, .sigmoid, .elu(alpha: 0.7),
    .gelu(tanhApproximation: false), .gelu(tanhApproximation: true), .silu,
    .softplus(beta: 1, threshold: 20), .softplus(beta: 2, threshold: 3),
  ]

  /// Forward values and input gradients of `activation` at `level`, for x in [−8, 8) with exact
  /// zeros among them, the upstream gradient in [−1, 1).
  func pass(_ activation: Activation, count: Int, level: KernelLevel) throws -> LayerPass {
    let x = randomValues(count, seed: 70).enumerated().map { $0 % 5 == 4 ? 0 : $1 * 8 }
    let upstream = randomValues(count, seed: 71)
    return try LayerPass(
      ElementwiseLayer(activation, level: level), input: x, shape: .vector(count), batch: 1,
      upstream: upstream)
  }

  @Test(arguments: activations)
  func activationsAgreeAcrossLevels(_ activation: Activation) throws {
    for count in Self.lengths {
      let generic = try pass(activation, count: count, level: .generic)
      #expect(!generic.output.contains { !$0.isFinite })
      let fused = try Self.fasterLevels.map { try pass(activation, count: count, level: $0) }
      for other in fused {
        // A few ulp of each value, and of the input gradient's terms (|dy|·(1 + |x|)).
        for (value, want) in zip(other.output, generic.output) {
          #expect(abs(value - want) <= 1e-6 * abs(want) + 1e-7, "\(activation) n=\(count)")
        }
        for (value, want) in zip(other.inputGradient, generic.inputGradient) {
          #expect(abs(value - want) <= 1e-6 * abs(want) + 1e-6, "\(activation) n=\(count)")
        }
      }
      if fused.count == 2 {
        #expect(fused[0].output == fused[1].output)
        #expect(fused[0].inputGradient == fused[1].inputGradient)
      }
    }
  }

  @Test func bernoulliLikelihoodAgreesAcrossLevels() {
    // More than one 4096-value block, and lengths with partial vectors.
    for count in Self.lengths + [4096 + 19] {
      let logits = randomValues(count, seed: 72).map { $0 * 30 }
      let targets = randomValues(count, seed: 73).map { abs($0) }
      func run(_ level: KernelLevel) -> (Double, [Float]) {
        var gradient = [Float](repeating: .nan, count: count)
        let nll = BernoulliLikelihood.negativeLogLikelihood(
          logits: logits, targets: targets, count: count, gradientScale: 0.25,
          gradient: &gradient, level: level)
        return (nll, gradient)
      }
      let (genericNLL, genericGradient) = run(.generic)
      #expect(!genericGradient.contains { $0.isNaN })
      let fused = Self.fasterLevels.map(run)
      for (nll, gradient) in fused {
        // Σ of positive terms, each within a few ulp, summed in a different order.
        #expect(abs(nll - genericNLL) <= 1e-6 * genericNLL, "n=\(count)")
        // scale·(σ(l) − x) with σ(l) ≤ 1 within a few ulp of 1 (the difference may cancel).
        for (value, want) in zip(gradient, genericGradient) {
          #expect(abs(value - want) <= 0.25 * 1e-6, "n=\(count)")
        }
      }
      if fused.count == 2 { #expect(fused[0].1 == fused[1].1) }
    }
  }

  /// The Gaussian likelihood's squares and gradient, and the KL term with its gradients, at
  /// every level against generic and against plain Double sums; the gradients are the same bits
  /// at every level (one product each, or exp's fused polynomial at AVX2 and AVX-512).
  @Test func gaussianTermsAgreeAcrossLevels() {
    for count in Self.lengths + [4096 + 19] {
      let means = randomValues(count, seed: 76)
      let targets = randomValues(count, seed: 77).map { abs($0) }
      let logVariances = randomValues(count, seed: 78).map { $0 * 3 }
      func run(_ level: KernelLevel) -> (nll: Double, kl: Double, grads: [[Float]]) {
        var gradient = [Float](repeating: .nan, count: count)
        let (nll, _) = GaussianLikelihood.negativeLogLikelihood(
          means: means, targets: targets, count: count, logSigma: -1, gradientScale: 0.25,
          gradient: &gradient, level: level)
        var dMu = [Float](repeating: 0.5, count: count)
        var dLv = [Float](repeating: -0.5, count: count)
        let kl = GaussianKL.divergence(
          means: means, logVariances: logVariances, count: count, gradientScale: 0.5,
          meanGradient: &dMu, logVarianceGradient: &dLv, level: level)
        return (nll, kl, [gradient, dMu, dLv])
      }
      // Σ ½d²e² + n(log σ + ½ log 2π) with log σ = −1, and Σ −½(1 + lv − μ² − e^{lv}).
      let squares = zip(means, targets).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
      let wantNLL = 0.5 * squares * exp(2.0) + Double(count) * (-1 + 0.918_938_53)
      let wantKL = zip(means, logVariances).reduce(0.0) {
        $0 - 0.5 * (1 + Double($1.1) - Double($1.0) * Double($1.0) - exp(Double($1.1)))
      }
      let generic = run(.generic)
      #expect(abs(generic.nll - wantNLL) <= 1e-5 * abs(wantNLL) + 1e-4, "n=\(count)")
      #expect(abs(generic.kl - wantKL) <= 1e-5 * abs(wantKL) + 1e-4, "n=\(count)")
      #expect(!generic.grads.joined().contains { !$0.isFinite })
      let fused = Self.fasterLevels.map(run)
      for other in fused {
        #expect(abs(other.nll - generic.nll) <= 1e-6 * abs(generic.nll), "n=\(count)")
        #expect(abs(other.kl - generic.kl) <= 1e-5 * abs(generic.kl) + 1e-5, "n=\(count)")
        #expect(other.grads[0] == generic.grads[0] && other.grads[1] == generic.grads[1])
        for (value, want) in zip(other.grads[2], generic.grads[2]) {
          #expect(abs(value - want) <= 1e-6 * abs(want) + 1e-6, "n=\(count)")
        }
      }
      if fused.count == 2 { #expect(fused[0].grads == fused[1].grads) }
    }
  }

  /// The block transpose (with and without a bias per outer row) and the per-channel sums of a
  /// bias's gradient: the same bits at every level, and against their definitions.
  @Test func channelBlocksAgreeAcrossLevels() {
    for (a, b, block) in [(3, 5, 16), (4, 2, 7), (2, 3, 33), (5, 1, 4100)] {
      let source = randomValues(a * b * block, seed: 79)
      let bias = (0..<a).map { Float($0) - 1.5 }
      func run(_ level: KernelLevel) -> (swapped: [Float], biased: [Float], sums: [Float]) {
        var swapped = [Float](repeating: .nan, count: source.count)
        var biased = swapped
        var sums = [Float](repeating: .nan, count: b)
        source.withUnsafeBufferPointer { s in
          BlockTranspose.swapOuter(
            s.baseAddress!, a: a, b: b, block: block, into: &swapped, level: level)
          BlockTranspose.swapOuter(
            s.baseAddress!, a: a, b: b, block: block, into: &biased, adding: bias, level: level)
          // The source as a images of b channels of `block` values.
          BlockTranspose.channelSums(
            s.baseAddress!, batch: a, channels: b, plane: block, into: &sums, accumulate: false,
            level: level)
          BlockTranspose.channelSums(
            s.baseAddress!, batch: a, channels: b, plane: block, into: &sums, accumulate: true,
            level: level)
        }
        return (swapped, biased, sums)
      }
      let generic = run(.generic)
      var wrong = 0
      for i in 0..<a {
        for j in 0..<b {
          for x in 0..<block {
            let value = source[(i * b + j) * block + x]
            if generic.swapped[(j * a + i) * block + x] != value { wrong += 1 }
            if generic.biased[(j * a + i) * block + x] != value + bias[i] { wrong += 1 }
          }
        }
      }
      #expect(wrong == 0)
      for j in 0..<b {
        var want = 0.0
        for i in 0..<a {
          for x in 0..<block { want += Double(source[(i * b + j) * block + x]) }
        }
        #expect(abs(Double(generic.sums[j]) - 2 * want) <= 1e-5 * Double(a * block))
      }
      for level in Self.fasterLevels {
        let other = run(level)
        #expect(other.swapped == generic.swapped && other.biased == generic.biased)
        #expect(other.sums == generic.sums, "\(level)")
      }
    }
  }

  /// Three steps (with weight decay and clipping) give the same bits at every level; the
  /// returned norms, summed in lanes of different widths, agree within rounding.
  @Test func adamAgreesAcrossLevels() {
    for count in Self.lengths {
      func run(_ level: KernelLevel) -> ([Float], [Float]) {
        let p = Parameter(name: "w", shape: [count])
        p.assign(randomValues(count, seed: 74))
        var settings = Adam.Settings()
        settings.weightDecay = 0.01
        settings.clipNorm = 2
        let adam = Adam(parameters: [p], settings: settings, level: level)
        var norms: [Float] = []
        for step in 0..<3 {
          p.gradient.update(from: randomValues(count, seed: 75 + UInt64(step)), count: count)
          norms.append(adam.update())
        }
        return (p.values, norms)
      }
      let (genericValues, genericNorms) = run(.generic)
      for (values, norms) in Self.fasterLevels.map(run) {
        #expect(values == genericValues, "n=\(count)")
        for (norm, want) in zip(norms, genericNorms) { #expect(abs(norm - want) <= 1e-6 * want) }
      }
    }
  }
}
