import LatentBasics
import NeuralCore

/// What a ``VAEConfig`` implies, worked out without making any layer: every parameter's
/// and buffer's `state_dict` name and shape, and the memory one image needs forward and in
/// training.
///
/// Building one checks the config against ``ModelLimits``, so a model is only allocated
/// after its sizes are known to be sane (and, when loading, after the file is known to
/// hold every tensor with exactly these shapes).
package struct VAEBlueprint: Sendable {
  /// One named tensor of the model.
  package struct Tensor: Sendable {
    package var name: String
    package var shape: [Int]
    /// Stored as I64 (BatchNorm's `num_batches_tracked`).
    package var isInteger = false
  }

  /// Every trainable parameter, in ``VariationalAutoencoder/namedParameters`` order.
  package let parameters: [Tensor]
  /// Every buffer (BatchNorm's running statistics), in ``VariationalAutoencoder/namedBuffers`` order.
  package let buffers: [Tensor]
  /// Trainable values, the heads included.
  package let parameterCount: Int
  /// Float32 values one image needs running forward (encode and decode): its input and
  /// output, every layer's output and convolution workspace.
  package let inferenceValuesPerImage: Int
  /// Float32 values one image needs in a training step: ``inferenceValuesPerImage`` plus
  /// the gradients of every activation.
  package let trainingValuesPerImage: Int
  /// The encoder's output per image, the heads' input.
  package let featureShape: Shape

  /// Every parameter's name and shape, in ``VariationalAutoencoder/namedParameters`` order.
  package var parameterShapes: [(name: String, shape: [Int])] {
    parameters.map { ($0.name, $0.shape) }
  }

  /// Works out `config`'s parameters and memory, and checks them against ``ModelLimits``.
  /// - Throws: a ``LatentError`` of kind `configuration` naming the first layer that does not
  ///   chain or the first number over its limit.
  package init(config: VAEConfig) throws(LatentError) {
    try config.validateArguments()
    var tally = Tally()
    let image = config.imageShape
    try tally.use(forward: image.count, backward: image.count, at: "the image")
    let features = try tally.walk(config.encoder, from: image, prefix: "encoder")
    let d = config.latentDimensions
    let heads = config.heads(features: features.count)
    for (list, what) in [(heads.mean, "mu"), (heads.logVariance, "logvar")] {
      let output = try tally.walk(list, from: features, prefix: what)
      guard output.count == d else {
        throw LatentError(
          .configuration, "the \(what) head gives \(output) per image, not latent_dim \(d)")
      }
    }
    try tally.use(forward: 6 * d, backward: features.count, at: "the latent codes")
    let output = try tally.walk(config.decoder, from: .vector(d), prefix: "decoder")
    guard output.count == image.count else {
      throw LatentError(
        .configuration, "decoder gives \(output) per sample, the images are \(image)")
    }
    try tally.use(forward: image.count, backward: image.count, at: "the decoded image")
    if case .gaussian(_, true) = config.likelihood {
      try tally.add(Tensor(name: "log_sigma", shape: [1]), trainable: true)
    }
    parameters = tally.parameters
    buffers = tally.buffers
    parameterCount = tally.parameterCount
    inferenceValuesPerImage = tally.forward
    trainingValuesPerImage = tally.forward.addingClamped(tally.backward)
    featureShape = features
  }

  /// Images one forward pass may take so that its activations fit
  /// ``ModelLimits/inferenceBatchValues`` (at least one).
  package var inferenceBatchLimit: Int {
    max(1, ModelLimits.inferenceBatchValues / max(1, inferenceValuesPerImage))
  }

  /// Checks that a training batch of `batchSize` images fits ``ModelLimits/trainingBatchValues``.
  /// - Throws: a ``LatentError`` of kind `unsupported` with the memory it would need and the
  ///   largest batch that fits.
  package func checkTraining(batchSize: Int) throws(LatentError) {
    let needed = trainingValuesPerImage.multipliedClamped(by: batchSize)
    guard needed > ModelLimits.trainingBatchValues else { return }
    let fitting = ModelLimits.trainingBatchValues / max(1, trainingValuesPerImage)
    throw LatentError(
      .unsupported,
      "a training batch of \(batchSize) images would need \(ModelLimits.describe(values: needed)), "
        + "over the limit of \(ModelLimits.describe(values: ModelLimits.trainingBatchValues))"
        + (fitting >= 1 ? "; use --batch \(fitting) or less" : "; even one image does not fit"))
  }
}

/// The running totals of a blueprint under construction.
private struct Tally {
  var parameters: [VAEBlueprint.Tensor] = []
  var buffers: [VAEBlueprint.Tensor] = []
  var names = Set<String>()
  var parameterCount = 0
  var forward = 0
  var backward = 0

  mutating func add(_ tensor: VAEBlueprint.Tensor, trainable: Bool) throws(LatentError) {
    guard names.insert(tensor.name).inserted else {
      throw LatentError(.configuration, "two layers name the tensor '\(tensor.name)'")
    }
    if trainable { parameters.append(tensor) } else { buffers.append(tensor) }
    parameterCount = parameterCount.addingClamped(
      tensor.shape.reduce(1) { $0.multipliedClamped(by: $1) })
    guard parameterCount <= ModelLimits.parameters else {
      throw LatentError(
        .configuration,
        "\(tensor.name) brings the model to more than \(ModelLimits.parameters) parameters (the limit, 1 GiB)"
      )
    }
  }

  mutating func use(forward values: Int, backward gradients: Int, at place: String)
    throws(LatentError)
  {
    forward = forward.addingClamped(values)
    backward = backward.addingClamped(gradients)
    guard forward <= ModelLimits.valuesPerImage else {
      throw LatentError(
        .configuration,
        "\(place) brings the memory one image needs to more than "
          + "\(ModelLimits.describe(values: ModelLimits.valuesPerImage)) (the limit)")
    }
  }

  /// Follows `specs` from `input`, adding each layer's tensors and memory; returns the output shape.
  mutating func walk(_ specs: [LayerSpec], from input: Shape, prefix: String)
    throws(LatentError) -> Shape
  {
    var shape = input
    for (index, spec) in specs.enumerated() {
      let name = spec.qualifiedName(prefix: prefix, index: index)
      let place = "\(name) (\(spec.kind.description))"
      var output: Shape
      do {
        output = try spec.kind.outputShape(for: shape)
      } catch {
        throw LatentError(.configuration, "\(prefix): \(error.problem)")
      }
      // No output larger than the memory limit of one image: then no later shape's count overflows.
      let outputCount = output.channels.multipliedClamped(by: output.height)
        .multipliedClamped(by: output.width)
      guard outputCount <= ModelLimits.valuesPerImage else {
        throw LatentError(
          .configuration,
          "\(place) gives \(output.channels)×\(output.height)×\(output.width) values per image, "
            + "over the limit of \(ModelLimits.valuesPerImage)")
      }
      let inputCount = shape.count
      func weights(_ shape: [Int], bias: Int?) throws(LatentError) {
        try add(VAEBlueprint.Tensor(name: "\(name).weight", shape: shape), trainable: true)
        if let bias {
          try add(VAEBlueprint.Tensor(name: "\(name).bias", shape: [bias]), trainable: true)
        }
      }
      switch spec.kind {
      case .linear(let i, let o, let bias):
        try weights([o, i], bias: bias ? o : nil)
        try use(forward: outputCount, backward: inputCount, at: place)
      case .conv2d(let c):
        let (kh, kw) = (c.kernel.height, c.kernel.width)
        try weights([c.outChannels, c.inChannels, kh, kw], bias: c.bias ? c.outChannels : nil)
        // Output, im2col columns [Cin·kh·kw, P] and the GEMM's product; the input gradient.
        let columns = (c.inChannels * kh * kw).multipliedClamped(by: output.plane)
        try use(
          forward: outputCount.multipliedClamped(by: 2).addingClamped(columns),
          backward: inputCount, at: place)
      case .convTranspose2d(let c):
        let (kh, kw) = (c.kernel.height, c.kernel.width)
        try weights([c.inChannels, c.outChannels, kh, kw], bias: c.bias ? c.outChannels : nil)
        // Output, columns [Cout·kh·kw, P_in] and the permuted input; the input gradient.
        let columns = (c.outChannels * kh * kw).multipliedClamped(by: shape.plane)
        try use(
          forward: outputCount.addingClamped(columns).addingClamped(inputCount),
          backward: inputCount, at: place)
      case .batchNorm(let b):
        if b.affine { try weights([b.features], bias: b.features) }
        for buffer in ["running_mean", "running_var"] {
          try add(
            VAEBlueprint.Tensor(name: "\(name).\(buffer)", shape: [b.features]), trainable: false)
        }
        try add(
          VAEBlueprint.Tensor(name: "\(name).num_batches_tracked", shape: [], isInteger: true),
          trainable: false)
        // Output and the normalised input kept for backward; the input gradient.
        try use(
          forward: outputCount.multipliedClamped(by: 2), backward: inputCount, at: place)
      case .upsample, .activation:
        try use(forward: outputCount, backward: inputCount, at: place)
      case .dropout:
        // Output and mask.
        try use(
          forward: outputCount.multipliedClamped(by: 2), backward: inputCount, at: place)
      case .residual(let body, let shortcut):
        let fromBody = try walk(body, from: shape, prefix: "\(name).body")
        let fromShortcut = try walk(shortcut, from: shape, prefix: "\(name).shortcut")
        guard fromBody == fromShortcut else {
          throw LatentError(
            .configuration,
            "\(name): the residual body gives \(fromBody), the shortcut \(fromShortcut)")
        }
        output = fromBody
        try use(forward: output.count, backward: inputCount, at: place)
      case .flatten, .unflatten:
        break
      }
      shape = output
    }
    return shape
  }
}
