import LatentBasics
import NeuralCore

/// Makes the layers of a config's lists, in order, with PyTorch's default initialisation from
/// one generator, and names every parameter and buffer by its `state_dict` name.
struct NetworkBuilder {
  private var generator: SeededGenerator
  private(set) var parameters: [(name: String, parameter: Parameter)] = []
  private(set) var buffers: [(name: String, parameter: Parameter)] = []

  init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

  /// The layers of `specs` chained from `input`, their tensors named under `prefix`
  /// (or each layer's own name).
  /// - Throws: a ``LatentError`` of kind `configuration` naming the first layer that does not fit.
  mutating func sequence(_ specs: [LayerSpec], prefix: String, input: Shape)
    throws(LatentError) -> Sequential
  {
    var layers: [Layer] = []
    var shape = input
    for (index, spec) in specs.enumerated() {
      let name = spec.qualifiedName(prefix: prefix, index: index)
      let layer = try make(spec.kind, name: name, input: shape)
      do {
        shape = try layer.outputShape(for: shape)
      } catch {
        throw LatentError(.configuration, "\(prefix): \(name): \(error.problem)")
      }
      layers.append(layer)
    }
    do {
      return try Sequential(layers, inputShape: input)
    } catch {
      throw LatentError(.configuration, "\(prefix): \(error.problem)")
    }
  }

  /// One layer; its own tensors (not a residual block's, whose lists name theirs) are recorded.
  private mutating func make(_ kind: LayerKind, name: String, input: Shape)
    throws(LatentError) -> Layer
  {
    let layer: Layer
    switch kind {
    case .linear(let i, let o, let bias):
      layer = Linear(i, o, bias: bias, generator: &generator)
    case .conv2d(let c):
      layer = Conv2d(
        c.inChannels, c.outChannels, kernel: c.kernel, stride: c.stride, padding: c.padding,
        bias: c.bias, generator: &generator)
    case .convTranspose2d(let c):
      layer = ConvTranspose2d(
        c.inChannels, c.outChannels, kernel: c.kernel, stride: c.stride, padding: c.padding,
        outputPadding: c.outputPadding, bias: c.bias, generator: &generator)
    case .batchNorm(let b):
      layer = BatchNorm(
        features: b.features, spatial: b.spatial, eps: b.eps, momentum: b.momentum,
        affine: b.affine)
    case .upsample(let scale, let mode): layer = Upsample(scale: scale, mode: mode)
    case .dropout(let p): layer = Dropout(probability: p, seed: generator.next())
    case .activation(let activation): layer = ElementwiseLayer(activation)
    case .flatten: layer = Reshape.flatten()
    case .unflatten(let shape): layer = Reshape(target: shape)
    case .residual(let body, let shortcut):
      let main = try sequence(body, prefix: "\(name).body", input: input)
      let side =
        shortcut.isEmpty ? nil : try sequence(shortcut, prefix: "\(name).shortcut", input: input)
      return Residual(body: main, shortcut: side)
    }
    parameters += layer.parameters.map { (name: "\(name).\($0.name)", parameter: $0) }
    buffers += layer.buffers.map { (name: "\(name).\($0.name)", parameter: $0) }
    return layer
  }

  /// Records a parameter made outside the lists (`log_sigma`).
  mutating func record(_ parameter: Parameter) {
    parameters.append((name: parameter.name, parameter: parameter))
  }
}
