import LatentBasics
import NeuralCore

/// A VAE built from a ``VAEConfig``: encoder → (`fc_mu`, `fc_logvar`) →
/// z = μ + σ·ε → decoder.
///
/// Not thread-safe: one owner at a time (the trainer, or the UI's decoder).
/// Images are NCHW Float32 in [0, 1]; codes are `[N, latent]`.
package final class VariationalAutoencoder {
  package let config: VAEConfig
  /// The parameters' shapes and the memory per image that `config` implies.
  package let blueprint: VAEBlueprint
  package let encoder: Sequential
  package let meanHead: Linear
  package let logVarianceHead: Linear
  package let decoder: Sequential
  /// log σ of a Gaussian likelihood with learned σ (`log_sigma`, shape `[1]`).
  package let logSigma: Parameter?
  /// Every parameter with its `state_dict` name, in a fixed order.
  package let namedParameters: [(name: String, parameter: Parameter)]
  /// The threads this model's passes run on (one by default); its owner sets it, e.g. the
  /// trainer from ``VAEConfig/threading(threads:)``. It does not set OpenBLAS's thread
  /// count (see ``Threading/claimOpenBLAS()``).
  package var threading = Threading.single

  // Scratch for the latent stage and the output; reused across calls.
  let clampedLogVariance = FloatBuffer()
  let standardDeviation = FloatBuffer()
  let latent = FloatBuffer()
  let meanGradient = FloatBuffer()
  let logVarianceGradient = FloatBuffer()
  let featureGradient = FloatBuffer()
  let outputGradient = FloatBuffer()
  let imageMeans = FloatBuffer()

  /// Builds the model with PyTorch's default initialisation from `seed`.
  /// - Throws: a ``LatentError`` of kind `configuration` when the layers do not chain from image to code and back.
  package init(config: VAEConfig, seed: UInt64) throws(LatentError) {
    blueprint = try VAEBlueprint(config: config)
    self.config = config
    var generator = SeededGenerator(seed: seed)
    do {
      encoder = try Sequential(
        config.encoder.map { $0.makeLayer(generator: &generator) }, inputShape: config.imageShape)
    } catch {
      throw LatentError(.configuration, "encoder: \(error.description)")
    }
    let features = encoder.outputShape.count
    meanHead = Linear(features, config.latentDimensions, generator: &generator)
    logVarianceHead = Linear(features, config.latentDimensions, generator: &generator)
    do {
      decoder = try Sequential(
        config.decoder.map { $0.makeLayer(generator: &generator) },
        inputShape: .vector(config.latentDimensions))
    } catch {
      throw LatentError(.configuration, "decoder: \(error.description)")
    }
    guard decoder.outputShape.count == config.imageShape.count else {
      throw LatentError(
        .configuration,
        "decoder gives \(decoder.outputShape) per sample, the images are \(config.imageShape)")
    }
    if case .gaussian(let sigma, true) = config.likelihood {
      let p = Parameter(name: "log_sigma", shape: [1])
      p.value[0] = Float.log(sigma)
      p.valuesChanged()
      logSigma = p
    } else {
      logSigma = nil
    }
    var named = encoder.namedParameters.map {
      (name: "encoder.\($0.name)", parameter: $0.parameter)
    }
    named += meanHead.parameters.map { (name: "fc_mu.\($0.name)", parameter: $0) }
    named += logVarianceHead.parameters.map { (name: "fc_logvar.\($0.name)", parameter: $0) }
    named += decoder.namedParameters.map { (name: "decoder.\($0.name)", parameter: $0.parameter) }
    if let logSigma { named.append((name: "log_sigma", parameter: logSigma)) }
    namedParameters = named
  }

  /// All trainable parameters, in ``namedParameters`` order.
  package var parameters: [Parameter] { namedParameters.map(\.parameter) }

  /// Float32 values in all scratch buffers of the model; constant once the
  /// largest batch has been seen, so a steady value means no step allocated.
  package var scratchCapacity: Int {
    let own = [
      clampedLogVariance, standardDeviation, latent, meanGradient, logVarianceGradient,
      featureGradient, outputGradient, imageMeans,
    ].reduce(0) { $0 + $1.capacity }
    return own + encoder.scratchCapacity + meanHead.scratchCapacity
      + logVarianceHead.scratchCapacity + decoder.scratchCapacity
  }

  /// Number of trainable values.
  package var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.parameter.count } }

  /// Values per image.
  package var imageSize: Int { config.imageShape.count }

  /// Latent dimensions.
  package var latentDimensions: Int { config.latentDimensions }

  /// Multiply–adds of one image through encoder and heads, and through the decoder.
  package var multiplyAdds: (encoder: Int, decoder: Int) {
    func count(_ specs: [LayerSpec], _ sequence: Sequential) -> Int {
      var input = sequence.inputShape
      var total = 0
      for (spec, output) in zip(specs, sequence.shapes) {
        total += spec.multiplyAdds(input: input, output: output)
        input = output
      }
      return total
    }
    let heads = 2 * encoder.outputShape.count * latentDimensions
    return (count(config.encoder, encoder) + heads, count(config.decoder, decoder))
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
