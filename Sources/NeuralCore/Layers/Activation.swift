import LatentBasics

/// An elementwise nonlinearity with its derivative, applied by ``ElementwiseLayer``.
package enum Activation: Hashable, Sendable {
  case relu
  case leakyReLU(slope: Float)
  case tanh
  case sigmoid

  /// The PyTorch module name, e.g. `LeakyReLU(negative_slope=0.2)`.
  package var description: String {
    switch self {
    case .relu: "ReLU()"
    case .leakyReLU(let slope): "LeakyReLU(negative_slope=\(slope))"
    case .tanh: "Tanh()"
    case .sigmoid: "Sigmoid()"
    }
  }
}

/// A layer applying an ``Activation`` to every value; the shape is unchanged.
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
    let output = self.output.reserve(count)
    let activation = activation
    ElementwiseLayer.forEachPart(of: count, threading: threading) { part in
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
      }
    }
    return output
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard needsInputGradient else { return nil }
    guard let input else { preconditionFailure("\(description).backward before forward") }
    let output = self.output.pointer
    let inputGradient = self.inputGradient.reserve(count)
    let activation = activation
    ElementwiseLayer.forEachPart(of: count, threading: threading) { part in
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
      }
    }
    return inputGradient
  }

  /// ``Parallel/forEachPart(of:threading:_:)`` for tensors large enough to be worth a hand-off
  /// (at least 32,768 values, 128 KiB: a conv64 batch's activations are 4–32 times that).
  private static func forEachPart(
    of count: Int, threading: Threading, _ body: (Range<Int>) -> Void
  ) {
    if count < 1 << 15 {
      body(0..<count)
    } else {
      Parallel.forEachPart(of: count, threading: threading, body)
    }
  }
}
