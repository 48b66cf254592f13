internal import CKernels
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

extension Activation {
  /// CKernels' activation and its two parameters (`a`: slope, α or β; `b`: Softplus's
  /// threshold); nil for the identity.
  fileprivate var kernelArguments: (latent_activation, Float, Float)? {
    switch self {
    case .relu: (LATENT_ACTIVATION_RELU, 0, 0)
    case .leakyReLU(let slope): (LATENT_ACTIVATION_LEAKY_RELU, slope, 0)
    case .tanh: (LATENT_ACTIVATION_TANH, 0, 0)
    case .sigmoid: (LATENT_ACTIVATION_SIGMOID, 0, 0)
    case .elu(let alpha): (LATENT_ACTIVATION_ELU, alpha, 0)
    case .gelu(tanhApproximation: false): (LATENT_ACTIVATION_GELU, 0, 0)
    case .gelu(tanhApproximation: true): (LATENT_ACTIVATION_GELU_TANH, 0, 0)
    case .silu: (LATENT_ACTIVATION_SILU, 0, 0)
    case .softplus(let beta, let threshold): (LATENT_ACTIVATION_SOFTPLUS, beta, threshold)
    case .identity: nil
    }
  }
}

extension Activation {
  /// `y[i] = f(x[i])` for `i < count` (x and y may be the same array), in CKernels at `level`,
  /// on the calling thread: what ``ElementwiseLayer`` computes, for values outside a network.
  package func apply(
    _ count: Int, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
    level: KernelLevel = .current
  ) {
    guard let (kind, a, b) = kernelArguments else {
      if UnsafePointer(y) != x { y.update(from: x, count: count) }
      return
    }
    latent_activation_forward(level.c, kind, a, b, count, x, y)
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
  /// The level of CKernels' elementwise loops (tests compare levels).
  private let level: KernelLevel

  package init(_ activation: Activation, level: KernelLevel = .current) {
    self.activation = activation
    self.level = level
  }

  package var scratchCapacity: Int { output.capacity + inputGradient.capacity }

  package var description: String { activation.description }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape { input }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    self.input = input
    self.threading = threading
    count = batch * shape.count
    guard let arguments = activation.kernelArguments else { return input }
    let (kind, a, b) = arguments
    let output = self.output.reserve(count)
    let level = level.c
    Parallel.forEachPart(of: count, values: count, threading: threading) { part in
      latent_activation_forward(
        level, kind, a, b, part.count, input + part.lowerBound, output + part.lowerBound)
    }
    return output
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard needsInputGradient else { return nil }
    guard let input else { preconditionFailure("\(description).backward before forward") }
    guard let arguments = activation.kernelArguments else { return outputGradient }
    let (kind, a, b) = arguments
    let output = self.output.pointer
    let inputGradient = self.inputGradient.reserve(count)
    let level = level.c
    Parallel.forEachPart(of: count, values: count, threading: threading) { part in
      let start = part.lowerBound
      latent_activation_backward(
        level, kind, a, b, part.count, input + start, output + start, outputGradient + start,
        inputGradient + start)
    }
    return inputGradient
  }
}
