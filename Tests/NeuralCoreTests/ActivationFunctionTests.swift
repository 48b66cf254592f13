import Glibc
import NeuralCore
import ReferenceModels
import Testing

/// The activations added for imported models, in Double from their definitions.
private func reference(_ activation: Activation, _ x: Double) -> Double {
  switch activation {
  case .elu(let alpha): x > 0 ? x : Double(alpha) * (exp(x) - 1)
  case .gelu(tanhApproximation: false): 0.5 * x * (1 + erf(x / 2.0.squareRoot()))
  case .gelu(tanhApproximation: true):
    0.5 * x * (1 + tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)))
  case .silu: x / (1 + exp(-x))
  case .softplus(let beta, let threshold):
    Double(beta) * x > Double(threshold) ? x : log1p(exp(Double(beta) * x)) / Double(beta)
  case .identity: x
  case .tanh: tanh(x)
  case .sigmoid: 1 / (1 + exp(-x))
  default: fatalError("no reference for \(activation)")
  }
}

@Suite("ELU, GELU, SiLU, Softplus, Identity, tanh and sigmoid against their closed forms")
struct ActivationFunctionTests {
  private func apply(_ activation: Activation, _ x: [Float]) throws -> [Float] {
    try LayerPass(
      ElementwiseLayer(activation), input: x, shape: .vector(x.count), batch: 1,
      upstream: [Float](repeating: 0, count: x.count)
    ).output
  }

  /// Values worked out by hand (or printed by PyTorch) at a few points.
  @Test func knownValues() throws {
    let elu = try apply(.elu(alpha: 1), [-1, 0, 2])
    #expect(maxRelativeError(elu, [-0.632_120_558_8, 0, 2]) < 1e-6)
    let gelu = try apply(.gelu(tanhApproximation: false), [1, -1, 0])
    #expect(maxRelativeError(gelu, [0.841_344_746_1, -0.158_655_253_9, 0]) < 1e-6)
    let geluTanh = try apply(.gelu(tanhApproximation: true), [1])
    #expect(maxRelativeError(geluTanh, [0.841_191_990_6]) < 1e-6)
    let silu = try apply(.silu, [1, 0])
    #expect(maxRelativeError(silu, [0.731_058_578_6, 0]) < 1e-6)
    // ln 2; above the threshold x itself; with β = 2, ln(1 + e²)/2.
    let softplus = try apply(.softplus(beta: 1, threshold: 20), [0, 25, -30])
    #expect(maxRelativeError(softplus, [0.693_147_180_6, 25, 9.357_622_968_84e-14]) < 1e-6)
    #expect(abs(softplus[2] - 9.357_622_968_84e-14) < 1e-18)
    let sharper = try apply(.softplus(beta: 2, threshold: 20), [1])
    #expect(maxRelativeError(sharper, [1.063_464_005_5]) < 1e-6)
  }

  @Test(arguments: [
    Activation.elu(alpha: 1), .elu(alpha: 0.5), .gelu(tanhApproximation: false),
    .gelu(tanhApproximation: true), .silu, .softplus(beta: 1, threshold: 20),
    .softplus(beta: 2, threshold: 3), .identity, .tanh, .sigmoid,
  ])
  func valuesAndGradientsOverARange(_ activation: Activation) throws {
    // At every kernel level this CPU runs (generic rounds FastMath's polynomial steps apart).
    for level in KernelLevel.allCases where level.runs(on: .current) {
      try valuesAndGradientsOverARange(activation, level: level)
    }
  }

  private func valuesAndGradientsOverARange(_ activation: Activation, level: KernelLevel) throws {
    let layer = ElementwiseLayer(activation, level: level)
    let shape = Shape(channels: 2, height: 3, width: 5)
    // Inputs in [−4, 4), away from the kinks at 0 (ELU) and at βx = 3 (Softplus).
    let x = randomValues(2 * shape.count, seed: 50).map { v -> Float in
      let spread = v * 4 + (v >= 0 ? 0.05 : -0.05)
      return abs(spread - 1.5) < 0.05 ? spread + 0.1 : spread
    }
    let g = randomValues(2 * shape.count, seed: 51)
    let pass = try LayerPass(layer, input: x, shape: shape, batch: 2, upstream: g)
    let xd = x.map(Double.init)
    #expect(
      maxRelativeError(pass.output, xd.map { reference(activation, $0) }) < 1e-6, "\(level)")
    let numeric = numericalGradient(
      of: { weightedSum(g, $0.map { reference(activation, $0) }) }, at: xd)
    #expect(maxRelativeError(pass.inputGradient, numeric) < 1e-5, "\(level)")
  }

  @Test func describesThemselvesAsPyTorch() {
    #expect(Activation.elu(alpha: 1).description == "ELU(alpha=1.0)")
    #expect(Activation.gelu(tanhApproximation: false).description == "GELU(approximate='none')")
    #expect(Activation.gelu(tanhApproximation: true).description == "GELU(approximate='tanh')")
    #expect(Activation.silu.description == "SiLU()")
    #expect(
      Activation.softplus(beta: 1, threshold: 20).description
        == "Softplus(beta=1.0, threshold=20.0)")
    #expect(Activation.identity.description == "Identity()")
  }
}
