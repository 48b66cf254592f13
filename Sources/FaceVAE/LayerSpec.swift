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

  /// Multiply–adds per sample for an input of `shape` (0 for elementwise layers).
  package func multiplyAdds(input shape: Shape, output: Shape) -> Int {
    switch self {
    case .linear(let i, let o): i * o
    case .conv2d(let i, _, let k, _, _): output.count * i * k * k
    case .convTranspose2d(_, let o, let k, _, _, _): shape.count * o * k * k
    default: 0
    }
  }

  /// The largest size any one argument may have; keeps hostile configs from
  /// asking for absurd amounts of memory.
  static let argumentLimit = 1 << 16

  /// Checks that every argument is in a sensible range.
  func validate() throws(ConfigError) {
    func check(_ values: Int..., positive: Bool = true) throws(ConfigError) {
      for v in values where v > Self.argumentLimit || (positive ? v < 1 : v < 0) {
        throw ConfigError("\(self) has an argument out of range (\(v))")
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
      guard slope.isFinite else { throw ConfigError("LeakyReLU slope must be finite") }
    case .unflatten(let shape):
      try check(shape.channels, shape.height, shape.width)
    case .relu, .tanh, .sigmoid, .flatten: break
    }
  }
}
