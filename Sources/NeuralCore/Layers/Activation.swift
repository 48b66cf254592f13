import LatentBasics

/// An elementwise nonlinearity with its derivative, applied by ``ElementwiseLayer``.
package enum Activation: Hashable, Sendable {
  case relu
  case leakyReLU(slope: Float)
  case tanh
  case sigmoid
  /// x for x > 0, else α(eˣ − 1).
  case elu(alpha: Float)
  /// x·Φ(x) with the normal CDF Φ exact (through erf), or PyTorch's tanh approximation
  /// `0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))`.
  case gelu(tanhApproximation: Bool)
  /// x·σ(x).
  case silu
  /// log(1 + e^{βx})/β, and x itself where βx > threshold (as PyTorch).
  case softplus(beta: Float, threshold: Float)
  /// x unchanged: the layer hands its input through.
  case identity

  /// The PyTorch module name, e.g. `LeakyReLU(negative_slope=0.2)`.
  package var description: String {
    switch self {
    case .relu: "ReLU()"
    case .leakyReLU(let slope): "LeakyReLU(negative_slope=\(slope))"
    case .tanh: "Tanh()"
    case .sigmoid: "Sigmoid()"
    case .elu(let alpha): "ELU(alpha=\(alpha))"
    case .gelu(let tanhApproximation): "GELU(approximate='\(tanhApproximation ? "tanh" : "none")')"
    case .silu: "SiLU()"
    case .softplus(let beta, let threshold): "Softplus(beta=\(beta), threshold=\(threshold))"
    case .identity: "Identity()"
    }
  }
}

/// A layer applying an ``Activation`` to every value; the shape is unchanged.
///
/// ``Activation/identity`` returns its input pointer from forward and dLoss/dOutput from
/// backward (no copy).
package final class ElementwiseLayer: Layer {
  package let activation: Activation
  package let parameters: [Parameter] = []
  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  private var input: UnsafeMutablePointer<Float>?
  private var count = 0
  private var threading = Threading.single

  package init(_ activation: Activation) { self.activation = activation }

  package var scratchCapacity: Int { output.capacity + inputGradient.capacity }

  package var description: String { activation.description }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape { input }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    self.input = input
    self.threading = threading
    count = batch * shape.count
    if activation == .identity { return input }
    let output = self.output.reserve(count)
    let activation = activation
    Parallel.forEachPart(of: count, values: count, threading: threading) { part in
      let (n, x, y) = (part.count, input + part.lowerBound, output + part.lowerBound)
      switch activation {
      case .relu:
        VectorLoop.map(n, x, into: y) { $0.replacing(with: 0, where: $0 .< 0) }
      case .leakyReLU(let slope):
        VectorLoop.map(n, x, into: y) { $0.replacing(with: slope * $0, where: $0 .<= 0) }
      case .tanh:
        VectorLoop.map(n, x, into: y) { FastMath.tanh($0) }
      case .sigmoid:
        VectorLoop.map(n, x, into: y) { FastMath.sigmoid($0) }
      case .elu(let alpha):
        VectorLoop.map(n, x, into: y) { x in
          x.replacing(with: alpha * (FastMath.exp(x) - 1), where: x .<= 0)
        }
      case .gelu(tanhApproximation: false):
        VectorLoop.map(n, x, into: y) { x in 0.5 * x * (1 + FastMath.erf(x * Gelu.inverseSqrt2)) }
      case .gelu(tanhApproximation: true):
        VectorLoop.map(n, x, into: y) { x in 0.5 * x * (1 + FastMath.tanh(Gelu.tanhArgument(x))) }
      case .silu:
        VectorLoop.map(n, x, into: y) { x in x * FastMath.sigmoid(x) }
      case .softplus(let beta, let threshold):
        VectorLoop.map(n, x, into: y) { x in
          let bx = beta * x
          return (Softplus.log1pExp(bx) / beta).replacing(with: x, where: bx .> threshold)
        }
      case .identity:
        break
      }
    }
    return output
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard needsInputGradient else { return nil }
    guard let input else { preconditionFailure("\(description).backward before forward") }
    if activation == .identity { return outputGradient }
    let output = self.output.pointer
    let inputGradient = self.inputGradient.reserve(count)
    let activation = activation
    Parallel.forEachPart(of: count, values: count, threading: threading) { part in
      let start = part.lowerBound
      let (n, x, y) = (part.count, input + start, output + start)
      let (dy, dx) = (outputGradient + start, inputGradient + start)
      switch activation {
      case .relu:
        VectorLoop.map(n, x, dy, into: dx) { x, dy in dy.replacing(with: 0, where: x .<= 0) }
      case .leakyReLU(let slope):
        VectorLoop.map(n, x, dy, into: dx) { x, dy in dy.replacing(with: slope * dy, where: x .<= 0)
        }
      case .tanh:
        VectorLoop.map(n, y, dy, into: dx) { y, dy in dy * (1 - y * y) }
      case .sigmoid:
        VectorLoop.map(n, y, dy, into: dx) { y, dy in dy * y * (1 - y) }
      case .elu(let alpha):
        // For x ≤ 0: d/dx α(eˣ − 1) = αeˣ = y + α.
        VectorLoop.run(n) { i, lanes in
          let (x, y) = (VectorLoop.load(x, i, lanes), VectorLoop.load(y, i, lanes))
          let slope = (y + alpha).replacing(with: 1, where: x .> 0)
          VectorLoop.store(slope * VectorLoop.load(dy, i, lanes), dx, i, lanes)
        }
      case .gelu(tanhApproximation: false):
        // Φ(x) + x·φ(x).
        VectorLoop.map(n, x, dy, into: dx) { x, dy in
          let cdf = 0.5 * (1 + FastMath.erf(x * Gelu.inverseSqrt2))
          let density = Gelu.inverseSqrt2Pi * FastMath.exp(-0.5 * x * x)
          return dy * FastMath.multiplyAdd(x, density, cdf)
        }
      case .gelu(tanhApproximation: true):
        VectorLoop.map(n, x, dy, into: dx) { x, dy in
          let t = FastMath.tanh(Gelu.tanhArgument(x))
          let inner = Gelu.sqrt2OverPi * FastMath.multiplyAdd(3 * Gelu.cubicCoefficient * x, x, 1)
          return dy * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * inner)
        }
      case .silu:
        VectorLoop.map(n, x, dy, into: dx) { x, dy in
          let s = FastMath.sigmoid(x)
          return dy * s * FastMath.multiplyAdd(x, 1 - s, 1)
        }
      case .softplus(let beta, let threshold):
        VectorLoop.map(n, x, dy, into: dx) { x, dy in
          let bx = beta * x
          return (dy * FastMath.sigmoid(bx)).replacing(with: dy, where: bx .> threshold)
        }
      case .identity:
        break
      }
    }
    return inputGradient
  }
}

/// GELU's constants.
private enum Gelu {
  static let inverseSqrt2: Float = 0.707_106_781
  static let inverseSqrt2Pi: Float = 0.398_942_280
  static let sqrt2OverPi: Float = 0.797_884_561
  static let cubicCoefficient: Float = 0.044_715

  /// √(2/π)(x + 0.044715x³), the tanh approximation's argument.
  @inline(__always)
  static func tanhArgument(_ x: FastMath.Vector) -> FastMath.Vector {
    sqrt2OverPi * x * FastMath.multiplyAdd(cubicCoefficient * x, x, 1)
  }
}

/// Softplus without overflow.
private enum Softplus {
  /// log(1 + eᶻ) = max(z, 0) + log(1 + e^{−|z|}), with log(1 + e) ≈ e(1 − e/2) for e < 10⁻³
  /// (where 1 + e would round away e's digits, as log1p does not).
  @inline(__always)
  static func log1pExp(_ z: FastMath.Vector) -> FastMath.Vector {
    let e = FastMath.exp(-FastMath.abs(z))
    let logOnePlus = FastMath.log(1 + e).replacing(with: e * (1 - 0.5 * e), where: e .< 1e-3)
    return z.replacing(with: 0, where: z .< 0) + logOnePlus
  }
}
