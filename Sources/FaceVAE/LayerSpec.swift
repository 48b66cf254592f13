import LatentBasics
import NeuralCore

/// One layer of an encoder or decoder, as it appears in the config JSON:
/// PyTorch's module name and constructor arguments, so that a PyTorch
/// `nn.Sequential` can be built from the same list.
///
/// ```json
/// {"type": "Conv2d", "in_channels": 3, "out_channels": 32, "kernel_size": 4, "stride": 2, "padding": 1}
/// {"type": "Unflatten", "shape": [256, 4, 4]}
/// ```
package enum LayerSpec: Hashable, Sendable {
  case linear(inFeatures: Int, outFeatures: Int)
  case conv2d(inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int)
  case convTranspose2d(
    inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int, outputPadding: Int)
  case relu
  case leakyReLU(slope: Float)
  case tanh
  case sigmoid
  case flatten
  case unflatten(Shape)

  /// Builds the layer with PyTorch's default initialisation from `generator`.
  package func makeLayer(generator: inout SeededGenerator) -> Layer {
    switch self {
    case .linear(let i, let o): Linear(i, o, generator: &generator)
    case .conv2d(let i, let o, let k, let s, let p):
      Conv2d(i, o, kernel: k, stride: s, padding: p, generator: &generator)
    case .convTranspose2d(let i, let o, let k, let s, let p, let op):
      ConvTranspose2d(
        i, o, kernel: k, stride: s, padding: p, outputPadding: op, generator: &generator)
    case .relu: ElementwiseLayer(.relu)
    case .leakyReLU(let slope): ElementwiseLayer(.leakyReLU(slope: slope))
    case .tanh: ElementwiseLayer(.tanh)
    case .sigmoid: ElementwiseLayer(.sigmoid)
    case .flatten: Reshape.flatten()
    case .unflatten(let shape): Reshape(target: shape)
    }
  }

  /// The shape of one output sample for one input sample of `shape`, worked out without
  /// making the layer (as the layer's own `outputShape(for:)`).
  /// - Throws: a ``LatentError`` of kind `configuration` when the input cannot go through this layer.
  func outputShape(for shape: Shape) throws(LatentError) -> Shape {
    switch self {
    case .linear(let i, let o):
      try Linear.outputShape(for: shape, inputFeatures: i, outputFeatures: o, layer: "\(self)")
    case .conv2d(let i, let o, let k, let s, let p):
      try Conv2d.outputShape(
        for: shape, inputChannels: i, outputChannels: o, kernel: Size2D(k), stride: Size2D(s),
        padding: Size2D(p), layer: "\(self)")
    case .convTranspose2d(let i, let o, let k, let s, let p, let op):
      try ConvTranspose2d.outputShape(
        for: shape, inputChannels: i, outputChannels: o, kernel: Size2D(k), stride: Size2D(s),
        padding: Size2D(p), outputPadding: Size2D(op), layer: "\(self)")
    case .relu, .leakyReLU, .tanh, .sigmoid: shape
    case .flatten: try Reshape.flatten().outputShape(for: shape)
    case .unflatten(let target): try Reshape(target: target).outputShape(for: shape)
    }
  }

  /// Multiply–adds per sample for an input of `shape` (0 for elementwise layers).
  package func multiplyAdds(input shape: Shape, output: Shape) -> Int {
    switch self {
    case .linear(let i, let o): i * o
    case .conv2d(let i, _, let k, _, _): output.count * i * k * k
    case .convTranspose2d(_, let o, let k, _, _, _): shape.count * o * k * k
    default: 0
    }
  }

  /// Checks that every argument is in a sensible range.
  func validate() throws(LatentError) {
    func check(_ values: Int..., positive: Bool = true) throws(LatentError) {
      for v in values where v > ModelLimits.layerArgument || (positive ? v < 1 : v < 0) {
        throw LatentError(.configuration, "\(self) has an argument out of range (\(v))")
      }
    }
    switch self {
    case .linear(let i, let o): try check(i, o)
    case .conv2d(let i, let o, let k, let s, let p):
      try check(i, o, k, s)
      try check(p, positive: false)
    case .convTranspose2d(let i, let o, let k, let s, let p, let op):
      try check(i, o, k, s)
      try check(p, op, positive: false)
    case .leakyReLU(let slope):
      guard slope.isFinite else {
        throw LatentError(.configuration, "LeakyReLU slope must be finite")
      }
    case .unflatten(let shape):
      try check(shape.channels, shape.height, shape.width)
    case .relu, .tanh, .sigmoid, .flatten: break
    }
  }
}
