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
