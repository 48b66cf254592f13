import LatentBasics
import NeuralCore

/// The decoder as evaluation runs it (PyTorch's `eval()`), with every BatchNorm that directly
/// follows a Linear, Conv2d or ConvTranspose2d folded into that layer: its weight scaled by
/// s = γ/√(running_var + ε) per output channel and its bias made (b − running_mean)·s + β.
/// One face then costs one pass over each block's output less. The folded layers are made
/// again whenever a weight or running statistic of the decoder has changed.
final class EvaluationDecoder {
  private let specs: [LayerSpec]
  private var folded: Sequential?
  /// The sum of the versions of the decoder's parameters and buffers that `folded` was made
  /// from: versions only grow, so any change makes the sum grow.
  private var stamp = -1

  init(specs: [LayerSpec]) { self.specs = specs }

  /// The network that gives `decoder`'s evaluation output: `decoder` itself when nothing folds.
  func network(for decoder: Sequential) -> Sequential {
    guard Self.foldablePairs(specs) > 0 else { return decoder }
    // Summed in place: this runs before every decode, so it allocates nothing.
    var versions = 0
    for layer in decoder.layers {
      for parameter in layer.parameters { versions &+= parameter.version }
      for buffer in layer.buffers { versions &+= buffer.version }
    }
    if let folded, versions == stamp { return folded }
    // The layers chained before, so they chain folded: making them cannot fail.
    guard let made = try? fold(decoder) else { return decoder }
    folded = made
    stamp = versions
    return made
  }

  /// How many layer–BatchNorm pairs of `specs` fold.
  private static func foldablePairs(_ specs: [LayerSpec]) -> Int {
    zip(specs, specs.dropFirst()).filter { foldable($0.kind, $1.kind) != nil }.count
  }

  /// The layer that replaces `kind` followed by `next`, if they fold: `kind` with a bias.
  private static func foldable(_ kind: LayerKind, _ next: LayerKind) -> LayerKind? {
    guard case .batchNorm = next else { return nil }
    switch kind {
    case .linear(let i, let o, _): return .linear(inFeatures: i, outFeatures: o, bias: true)
    case .conv2d(var c):
      c.bias = true
      return .conv2d(c)
    case .convTranspose2d(var c):
      c.bias = true
      return .convTranspose2d(c)
    default: return nil
    }
  }

  private func fold(_ decoder: Sequential) throws(LatentError) -> Sequential {
    var builder = NetworkBuilder(seed: 0)
    var layers: [Layer] = []
    var index = 0
    let count = decoder.layers.count
    while index < count {
      let layer = decoder.layers[index]
      if index + 1 < count, let norm = decoder.layers[index + 1] as? BatchNorm,
        let kind = Self.foldable(specs[index].kind, specs[index + 1].kind)
      {
        let input = index == 0 ? decoder.inputShape : decoder.shapes[index - 1]
        let twin = try builder.sequence([LayerSpec(kind)], prefix: "folded", input: input).layers[0]
        Self.copy(layer, scaledBy: norm, into: twin, kind: kind)
        layers.append(twin)
        index += 2
      } else {
        layers.append(layer)
        index += 1
      }
    }
    return try Sequential(layers, inputShape: decoder.inputShape)
  }

  /// Writes `source`'s weight times the BatchNorm's per-channel scale, and the folded bias,
  /// into `target` (same layer with a bias).
  private static func copy(
    _ source: Layer, scaledBy norm: BatchNorm, into target: Layer, kind: LayerKind
  ) {
    let (scale, shift) = norm.foldableScaleAndShift()
    let weight = source.parameters[0].values
    let bias = source.parameters.count > 1 ? source.parameters[1].values : nil
    let outputs = scale.count
    // Where output channel o's weights are: Linear and Conv2d hold them as one block per
    // output ([out, …]); ConvTranspose2d as one block per input and output ([in, out, kh, kw]).
    let block: Int
    let outputMajor: Bool
    switch kind {
    case .convTranspose2d(let c):
      block = c.kernel.height * c.kernel.width
      outputMajor = false
    default:
      block = weight.count / outputs
      outputMajor = true
    }
    var folded = weight
    for start in stride(from: 0, to: weight.count, by: block) {
      let o = outputMajor ? start / block : (start / block) % outputs
      for i in start..<(start + block) { folded[i] = weight[i] * scale[o] }
    }
    target.parameters[0].assign(folded)
    target.parameters[1].assign((0..<outputs).map { (bias?[$0] ?? 0) * scale[$0] + shift[$0] })
  }
}
