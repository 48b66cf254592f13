import LatentBasics
import NeuralCore

/// A VAE built from a ``VAEConfig``: input normalisation → encoder → (mean head,
/// log-variance head) → z = μ + σ·ε → decoder → output mapping.
///
/// Not thread-safe: one owner at a time (the trainer, or the UI's decoder).
/// Images are NCHW Float32 in [0, 1]; codes are `[N, latent]`. Layers that behave
/// differently in training (BatchNorm, Dropout) are in training mode only inside
/// ``lossAndGradients(images:noise:beta:)``, as PyTorch's `train()`; everything else runs
/// them as `eval()`.
package final class VariationalAutoencoder {
  package let config: VAEConfig
  /// The parameters' shapes and the memory per image that `config` implies.
  package let blueprint: VAEBlueprint
  /// Maps images in [0, 1] as the config's `input_normalize` says; nil when it says nothing.
  let inputNormalization: ChannelAffine?
  package let encoder: Sequential
  package let meanHead: Sequential
  package let logVarianceHead: Sequential
  package let decoder: Sequential
  /// log σ of a Gaussian likelihood with learned σ (`log_sigma`, shape `[1]`).
  package let logSigma: Parameter?
  /// Every parameter with its `state_dict` name, in a fixed order.
  package let namedParameters: [(name: String, parameter: Parameter)]
  /// Every buffer (BatchNorm's running statistics) with its `state_dict` name: saved and
  /// loaded with the weights, never trained by the optimizer.
  package let namedBuffers: [(name: String, parameter: Parameter)]
  /// The threads this model's passes run on (one by default); its owner sets it, e.g. the
  /// trainer from ``VAEConfig/threading(threads:)``. It does not set OpenBLAS's thread
  /// count (see ``Threading/claimOpenBLAS()``).
  package var threading = Threading.single
  /// Whether the layers are in training mode now.
  private var isTraining = false

  // Scratch for the latent stage and the output; reused across calls.
  let clampedLogVariance = FloatBuffer()
  let standardDeviation = FloatBuffer()
  let latent = FloatBuffer()
  let meanGradient = FloatBuffer()
  let logVarianceGradient = FloatBuffer()
  let featureGradient = FloatBuffer()
  let outputGradient = FloatBuffer()
  let imageMeans = FloatBuffer()
  let targets = FloatBuffer()
  /// The decoder with BatchNorm folded into the layer before it, for evaluation.
  let evaluationDecoder: EvaluationDecoder

  /// Builds the model with PyTorch's default initialisation from `seed`.
  /// - Throws: a ``LatentError`` of kind `configuration` when the layers do not chain from image to code and back.
  package init(config: VAEConfig, seed: UInt64) throws(LatentError) {
    blueprint = try VAEBlueprint(config: config)
    self.config = config
    var builder = NetworkBuilder(seed: seed)
    encoder = try builder.sequence(config.encoder, prefix: "encoder", input: config.imageShape)
    let heads = config.heads(features: blueprint.featureShape.count)
    meanHead = try builder.sequence(heads.mean, prefix: "mu", input: encoder.outputShape)
    logVarianceHead = try builder.sequence(
      heads.logVariance, prefix: "logvar", input: encoder.outputShape)
    decoder = try builder.sequence(
      config.decoder, prefix: "decoder", input: .vector(config.latentDimensions))
    guard decoder.outputShape.count == config.imageShape.count else {
      throw LatentError(
        .configuration,
        "decoder gives \(decoder.outputShape) per sample, the images are \(config.imageShape)")
    }
    if case .gaussian(let sigma, true) = config.likelihood {
      let p = Parameter(name: "log_sigma", shape: [1])
      p.value[0] = Float.log(sigma)
      p.valuesChanged()
      builder.record(p)
      logSigma = p
    } else {
      logSigma = nil
    }
    inputNormalization = config.inputNormalization.map {
      let (scale, shift) = $0.scaleAndShift
      return ChannelAffine(scale: scale, shift: shift)
    }
    namedParameters = builder.parameters
    namedBuffers = builder.buffers
    evaluationDecoder = EvaluationDecoder(specs: config.decoder)
  }

  /// All trainable parameters, in ``namedParameters`` order.
  package var parameters: [Parameter] { namedParameters.map(\.parameter) }

  /// Float32 values in all scratch buffers of the model; constant once the
  /// largest batch has been seen, so a steady value means no step allocated.
  package var scratchCapacity: Int {
    let own = [
      clampedLogVariance, standardDeviation, latent, meanGradient, logVarianceGradient,
      featureGradient, outputGradient, imageMeans, targets,
    ].reduce(0) { $0 + $1.capacity }
    return own + encoder.scratchCapacity + meanHead.scratchCapacity
      + logVarianceHead.scratchCapacity + decoder.scratchCapacity
      + (inputNormalization?.scratchCapacity ?? 0)
  }

  /// Number of trainable values.
  package var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.parameter.count } }

  /// Values per image.
  package var imageSize: Int { config.imageShape.count }

  /// Latent dimensions.
  package var latentDimensions: Int { config.latentDimensions }

  /// Multiply–adds of one image through encoder and heads, and through the decoder.
  package var multiplyAdds: (encoder: Int, decoder: Int) {
    let heads = config.heads(features: encoder.outputShape.count)
    let features = encoder.outputShape
    let encoding =
      Self.multiplyAdds(config.encoder, from: config.imageShape).count
      + Self.multiplyAdds(heads.mean, from: features).count
      + Self.multiplyAdds(heads.logVariance, from: features).count
    return (encoding, Self.multiplyAdds(config.decoder, from: .vector(latentDimensions)).count)
  }

  /// Multiply–adds per sample of `specs` from `input`, and their output shape.
  private static func multiplyAdds(_ specs: [LayerSpec], from input: Shape) -> (
    count: Int, output: Shape
  ) {
    var shape = input
    var total = 0
    for spec in specs {
      if case .residual(let body, let shortcut) = spec.kind {
        let main = multiplyAdds(body, from: shape)
        total += main.count + multiplyAdds(shortcut, from: shape).count
        shape = main.output
        continue
      }
      let output = (try? spec.kind.outputShape(for: shape)) ?? shape
      total += spec.kind.multiplyAdds(input: shape, output: output)
      shape = output
    }
    return (total, shape)
  }

  /// Puts every layer in training or evaluation mode (PyTorch's `train()` / `eval()`).
  func setTraining(_ training: Bool) {
    guard training != isTraining else { return }
    isTraining = training
    for network in [encoder, meanHead, logVarianceHead, decoder] { network.setTraining(training) }
  }

  /// log σ of the Gaussian likelihood (0 for Bernoulli).
  var currentLogSigma: Float {
    switch config.likelihood {
    case .bernoulli: 0
    case .gaussian(let sigma, let learned): learned ? (logSigma?.value[0] ?? 0) : Float.log(sigma)
    }
  }
}

extension Float {
  /// Natural logarithm through libm-free code (see ``FastMath``).
  static func log(_ x: Float) -> Float { FastMath.log(x) }
}
