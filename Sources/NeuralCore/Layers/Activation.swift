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

  package init(_ activation: Activation) { self.activation = activation }

  package var scratchCapacity: Int { output.capacity + inputGradient.capacity }

  package var description: String { activation.description }

  package func outputShape(for input: Shape) throws(ShapeError) -> Shape { input }

  package func forward(_ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int)
    -> UnsafeMutablePointer<Float>
  {
    self.input = input
    count = batch * shape.count
    let y = output.reserve(count)
    let n = count
    switch activation {
    case .relu:
      VectorLoop.map(n, input, into: y) { $0.replacing(with: 0, where: $0 .< 0) }
    case .leakyReLU(let slope):
      VectorLoop.map(n, input, into: y) { $0.replacing(with: slope * $0, where: $0 .<= 0) }
    case .tanh:
      VectorLoop.map(n, input, into: y) { FastMath.tanh($0) }
    case .sigmoid:
      VectorLoop.map(n, input, into: y) { FastMath.sigmoid($0) }
    }
    return y
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard needsInputGradient else { return nil }
    guard let x = input else { preconditionFailure("\(description).backward before forward") }
    let dy = outputGradient
    let y = output.pointer
    let dx = inputGradient.reserve(count)
    let n = count
    switch activation {
    case .relu:
      VectorLoop.map(n, x, dy, into: dx) { x, dy in dy.replacing(with: 0, where: x .<= 0) }
    case .leakyReLU(let slope):
      VectorLoop.map(n, x, dy, into: dx) { x, dy in dy.replacing(with: slope * dy, where: x .<= 0) }
    case .tanh:
      VectorLoop.map(n, y, dy, into: dx) { y, dy in dy * (1 - y * y) }
    case .sigmoid:
      VectorLoop.map(n, y, dy, into: dx) { y, dy in dy * y * (1 - y) }
    }
    return dx
  }
}
