import LatentBasics
import NeuralCore

/// What one layer of a config computes, with PyTorch's arguments.
package enum LayerKind: Hashable, Sendable {
  case linear(inFeatures: Int, outFeatures: Int, bias: Bool)
  case conv2d(ConvolutionSpec)
  case convTranspose2d(ConvolutionSpec)
  case batchNorm(BatchNormSpec)
  /// `Upsample(scale_factor=…, mode=…)` with whole scale factors.
  case upsample(scale: Size2D, mode: Upsample.Mode)
  case dropout(probability: Float)
  case activation(Activation)
  case flatten
  /// `nn.Unflatten(1, shape)`: `[C, H, W]` or `[F]`.
  case unflatten(Shape)
  /// body(x) + shortcut(x); an empty shortcut is the identity.
  case residual(body: [LayerSpec], shortcut: [LayerSpec])

  /// The shape of one output sample for one input sample of `shape`, worked out without
  /// making the layer. For a residual block, only its own check: the builder follows its branches.
  /// - Throws: a ``LatentError`` of kind `configuration` when the input cannot go through this layer.
  func outputShape(for shape: Shape) throws(LatentError) -> Shape {
    switch self {
    case .linear(let i, let o, _):
      return try Linear.outputShape(
        for: shape, inputFeatures: i, outputFeatures: o, layer: description)
    case .conv2d(let c):
      return try Conv2d.outputShape(
        for: shape, inputChannels: c.inChannels, outputChannels: c.outChannels, kernel: c.kernel,
        stride: c.stride, padding: c.padding, layer: description)
    case .convTranspose2d(let c):
      return try ConvTranspose2d.outputShape(
        for: shape, inputChannels: c.inChannels, outputChannels: c.outChannels, kernel: c.kernel,
        stride: c.stride, padding: c.padding, outputPadding: c.outputPadding, layer: description)
    case .batchNorm(let b):
      let fits =
        b.spatial
        ? shape.channels == b.features
        : shape.count == b.features && shape.height == 1 && shape.width == 1
      guard fits else {
        throw LatentError(.configuration, "\(description) does not take \(shape)")
      }
      return shape
    case .upsample(let scale, _):
      return Shape(
        channels: shape.channels, height: shape.height.multipliedClamped(by: scale.height),
        width: shape.width.multipliedClamped(by: scale.width))
    case .dropout, .activation: return shape
    case .flatten: return try Reshape.flatten().outputShape(for: shape)
    case .unflatten(let target): return try Reshape(target: target).outputShape(for: shape)
    case .residual: return shape
    }
  }

  /// Multiply–adds per sample for an input of `shape` (0 for elementwise layers).
  func multiplyAdds(input shape: Shape, output: Shape) -> Int {
    switch self {
    case .linear(let i, let o, _): i * o
    case .conv2d(let c): output.count * c.inChannels * c.kernel.height * c.kernel.width
    case .convTranspose2d(let c): shape.count * c.outChannels * c.kernel.height * c.kernel.width
    default: 0
    }
  }

  /// Checks that every argument is in a sensible range.
  func validate() throws(LatentError) {
    func check(_ values: Int..., positive: Bool = true) throws(LatentError) {
      for v in values where v > ModelLimits.layerArgument || (positive ? v < 1 : v < 0) {
        throw LatentError(.configuration, "\(description) has an argument out of range (\(v))")
      }
    }
    func finite(_ values: Float..., what: String) throws(LatentError) {
      guard values.allSatisfy(\.isFinite) else {
        throw LatentError(.configuration, "\(description): \(what) must be finite")
      }
    }
    switch self {
    case .linear(let i, let o, _): try check(i, o)
    case .conv2d(let c), .convTranspose2d(let c):
      try check(c.inChannels, c.outChannels, c.kernel.height, c.kernel.width)
      try check(c.stride.height, c.stride.width)
      try check(
        c.padding.height, c.padding.width, c.outputPadding.height, c.outputPadding.width,
        positive: false)
      if case .conv2d = self, c.outputPadding != Size2D(0) {
        throw LatentError(.configuration, "Conv2d has no output_padding")
      }
      if c.outputPadding.height >= c.stride.height || c.outputPadding.width >= c.stride.width {
        throw LatentError(
          .configuration, "\(description): output_padding must be smaller than the stride")
      }
    case .batchNorm(let b):
      try check(b.features)
      try finite(b.eps, b.momentum ?? 0, what: "eps and momentum")
      guard b.eps > 0, (0...1).contains(b.momentum ?? 0) else {
        throw LatentError(
          .configuration, "\(description): eps must be positive and momentum in [0, 1]")
      }
    case .upsample(let scale, _):
      try check(scale.height, scale.width)
    case .dropout(let p):
      guard p.isFinite, (0...1).contains(p) else {
        throw LatentError(.configuration, "Dropout probability \(p) is not in [0, 1]")
      }
    case .activation(let activation):
      switch activation {
      case .leakyReLU(let slope): try finite(slope, what: "negative_slope")
      case .elu(let alpha): try finite(alpha, what: "alpha")
      case .softplus(let beta, let threshold):
        try finite(beta, threshold, what: "beta and threshold")
        guard beta > 0 else {
          throw LatentError(.configuration, "Softplus beta must be positive")
        }
      default: break
      }
    case .unflatten(let shape):
      try check(shape.channels, shape.height, shape.width)
    case .residual(let body, let shortcut):
      for spec in body + shortcut { try spec.kind.validate() }
    case .flatten: break
    }
  }

  /// Whether format 1 can state this layer (the layers of the stock models).
  var isFormatOne: Bool {
    switch self {
    case .linear(_, _, let bias): bias
    case .conv2d(let c), .convTranspose2d(let c): c.isFormatOne
    case .activation(.relu), .activation(.leakyReLU), .activation(.tanh),
      .activation(.sigmoid), .flatten, .unflatten:
      true
    default: false
    }
  }

  /// The PyTorch module, e.g. `Conv2d(3, 32, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1))`.
  package var description: String {
    func pair(_ s: Size2D) -> String { "(\(s.height), \(s.width))" }
    switch self {
    case .linear(let i, let o, let bias):
      return "Linear(in_features=\(i), out_features=\(o)\(bias ? "" : ", bias=False"))"
    case .conv2d(let c):
      return "Conv2d(\(c.inChannels), \(c.outChannels), kernel_size=\(pair(c.kernel)), "
        + "stride=\(pair(c.stride)), padding=\(pair(c.padding))\(c.bias ? "" : ", bias=False"))"
    case .convTranspose2d(let c):
      return "ConvTranspose2d(\(c.inChannels), \(c.outChannels), kernel_size=\(pair(c.kernel)), "
        + "stride=\(pair(c.stride)), padding=\(pair(c.padding)), "
        + "output_padding=\(pair(c.outputPadding))\(c.bias ? "" : ", bias=False"))"
    case .batchNorm(let b):
      return "BatchNorm\(b.spatial ? 2 : 1)d(\(b.features), eps=\(b.eps), "
        + "momentum=\(b.momentum.map { "\($0)" } ?? "None"), affine=\(b.affine ? "True" : "False"))"
    case .upsample(let scale, let mode):
      return
        "Upsample(scale_factor=\(pair(scale)), mode='\(mode == .nearest ? "nearest" : "bilinear")')"
    case .dropout(let p): return "Dropout(p=\(p))"
    case .activation(let activation): return activation.description
    case .flatten: return "Flatten()"
    case .unflatten(let shape): return "Unflatten(1, \(shape))"
    case .residual(let body, let shortcut):
      return
        "Residual(body: \(body.count) layers, shortcut: \(shortcut.isEmpty ? "identity" : "\(shortcut.count) layers"))"
    }
  }
}
