import LatentBasics
import NeuralCore

/// What a ``VAEConfig`` implies, worked out without making any layer: every parameter's
/// `state_dict` name and shape, and the memory one image needs forward and in training.
///
/// Building one checks the config against ``ModelLimits``, so a model is only allocated
/// after its sizes are known to be sane (and, when loading, after the file is known to
/// hold every tensor with exactly these shapes).
package struct VAEBlueprint: Sendable {
  /// Every trainable parameter's name and shape, in ``VariationalAutoencoder/namedParameters`` order.
  package let parameterShapes: [(name: String, shape: [Int])]
  /// Trainable values, the heads included.
  package let parameterCount: Int
  /// Float32 values one image needs running forward (encode and decode): its input and
  /// output, every layer's output and convolution workspace.
  package let inferenceValuesPerImage: Int
  /// Float32 values one image needs in a training step: ``inferenceValuesPerImage`` plus
  /// the gradients of every activation.
  package let trainingValuesPerImage: Int

  /// Works out `config`'s parameters and memory, and checks them against ``ModelLimits``.
  /// - Throws: a ``LatentError`` of kind `configuration` naming the first layer that does not
  ///   chain or the first number over its limit.
  package init(config: VAEConfig) throws(LatentError) {
    try config.validateArguments()
    var parameters: [(name: String, shape: [Int])] = []
    var parameterCount = 0
    var forward = 0
    var backward = 0
    func add(_ name: String, _ shape: [Int]) throws(LatentError) {
      parameters.append((name, shape))
      parameterCount = parameterCount.addingClamped(
        shape.reduce(1) { $0.multipliedClamped(by: $1) })
      guard parameterCount <= ModelLimits.parameters else {
        throw LatentError(
          .configuration,
          "\(name) brings the model to more than \(ModelLimits.parameters) parameters (the limit, 1 GiB)"
        )
      }
    }
    func use(forward values: Int, backward gradients: Int, at place: String) throws(LatentError) {
      forward = forward.addingClamped(values)
      backward = backward.addingClamped(gradients)
      guard forward <= ModelLimits.valuesPerImage else {
        throw LatentError(
          .configuration,
          "\(place) brings the memory one image needs to more than "
            + "\(ModelLimits.describe(values: ModelLimits.valuesPerImage)) (the limit)")
      }
    }
    let image = config.imageShape
    try use(forward: image.count, backward: image.count, at: "the image")
    let features = try Self.walk(
      config.encoder, from: image, prefix: "encoder", add: add, use: use)
    let d = config.latentDimensions
    try add("fc_mu.weight", [d, features.count])
    try add("fc_mu.bias", [d])
    try add("fc_logvar.weight", [d, features.count])
    try add("fc_logvar.bias", [d])
    try use(forward: 8 * d, backward: 3 * features.count, at: "fc_mu and fc_logvar")
    let output = try Self.walk(
      config.decoder, from: .vector(d), prefix: "decoder", add: add, use: use)
    guard output.count == image.count else {
      throw LatentError(
        .configuration, "decoder gives \(output) per sample, the images are \(image)")
    }
    try use(forward: image.count, backward: image.count, at: "the decoded image")
    if case .gaussian(_, true) = config.likelihood { try add("log_sigma", [1]) }
    parameterShapes = parameters
    self.parameterCount = parameterCount
    inferenceValuesPerImage = forward
    trainingValuesPerImage = forward.addingClamped(backward)
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

  /// Follows `specs` from `input`, adding each layer's parameters and memory; returns the output shape.
  private static func walk(
    _ specs: [LayerSpec], from input: Shape, prefix: String,
    add: (String, [Int]) throws(LatentError) -> Void,
    use: (Int, Int, String) throws(LatentError) -> Void
  ) throws(LatentError) -> Shape {
    var shape = input
    for (index, spec) in specs.enumerated() {
      let name = "\(prefix).\(index)"
      let output: Shape
      do {
        output = try spec.outputShape(for: shape)
      } catch {
        throw LatentError(.configuration, "\(prefix): \(error.problem)")
      }
      // No output larger than the memory limit of one image: then no later shape's count overflows.
      let outputCount = output.channels.multipliedClamped(by: output.height)
        .multipliedClamped(by: output.width)
      guard outputCount <= ModelLimits.valuesPerImage else {
        throw LatentError(
          .configuration,
          "\(name) (\(spec)) gives \(output.channels)×\(output.height)×\(output.width) values per image, "
            + "over the limit of \(ModelLimits.valuesPerImage)")
      }
      let inputCount = shape.count
      switch spec {
      case .linear(let i, let o):
        try add("\(name).weight", [o, i])
        try add("\(name).bias", [o])
        try use(outputCount, inputCount, "\(name) (\(spec))")
      case .conv2d(let i, let o, let k, _, _):
        try add("\(name).weight", [o, i, k, k])
        try add("\(name).bias", [o])
        // Output, im2col columns [Cin·k·k, P] and the GEMM's product; the input gradient.
        let columns = (i * k * k).multipliedClamped(by: output.plane)
        try use(
          outputCount.multipliedClamped(by: 2).addingClamped(columns), inputCount,
          "\(name) (\(spec))")
      case .convTranspose2d(let i, let o, let k, _, _, _):
        try add("\(name).weight", [i, o, k, k])
        try add("\(name).bias", [o])
        // Output, columns [Cout·k·k, P_in] and the permuted input; the input gradient.
        let columns = (o * k * k).multipliedClamped(by: shape.plane)
        try use(
          outputCount.addingClamped(columns).addingClamped(inputCount), inputCount,
          "\(name) (\(spec))")
      case .relu, .leakyReLU, .tanh, .sigmoid:
        try use(outputCount, inputCount, "\(name) (\(spec))")
      case .flatten, .unflatten:
        break
      }
      shape = output
    }
    return shape
  }
}
