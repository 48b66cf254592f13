import FaceVAE
import Foundation
import NeuralCore
import ReferenceModels

/// The VAE loss evaluated in Double from the config's layer list, with the
/// layers of ``Reference`` and the losses written from their definitions.
struct ReferenceVAE {
  let config: VAEConfig

  /// Runs a layer list over a batch; parameters come from `weights` under `prefix.index`.
  private func sequence(
    _ specs: [LayerSpec], prefix: String, input: [Double], shape: Shape, batch: Int,
    weights: [String: [Double]]
  ) -> (values: [Double], shape: Shape) {
    var x = input
    var shape = shape
    for (index, spec) in specs.enumerated() {
      let w = weights["\(prefix).\(index).weight"] ?? []
      let b = weights["\(prefix).\(index).bias"] ?? []
      switch spec.kind {
      case .linear(let i, let o, _):
        x = Reference.linear(x, batch: batch, inFeatures: i, weight: w, bias: b, outFeatures: o)
        shape = .vector(o)
      case .conv2d(let c):
        let r = Reference.conv2d(
          x, batch: batch, channels: c.inChannels, height: shape.height, width: shape.width,
          weight: w, bias: b, outChannels: c.outChannels, kernel: c.kernel.height,
          stride: c.stride.height, padding: c.padding.height)
        x = r.y
        shape = Shape(channels: c.outChannels, height: r.height, width: r.width)
      case .convTranspose2d(let c):
        let r = Reference.convTranspose2d(
          x, batch: batch, channels: c.inChannels, height: shape.height, width: shape.width,
          weight: w, bias: b, outChannels: c.outChannels, kernel: c.kernel.height,
          stride: c.stride.height, padding: c.padding.height,
          outputPadding: c.outputPadding.height)
        x = r.y
        shape = Shape(channels: c.outChannels, height: r.height, width: r.width)
      case .activation(.relu): x = x.map { Reference.activation("relu", $0) }
      case .activation(.leakyReLU(let slope)):
        x = x.map { Reference.activation("leaky", $0, slope: Double(slope)) }
      case .activation(.tanh): x = x.map { Reference.activation("tanh", $0) }
      case .activation(.sigmoid): x = x.map { Reference.activation("sigmoid", $0) }
      case .flatten: shape = .vector(shape.count)
      case .unflatten(let target): shape = target
      default: fatalError("the reference covers the stock layers, not \(spec.kind.description)")
      }
    }
    return (x, shape)
  }

  /// Mean over the batch of reconstruction NLL + β·KL, in nats.
  func loss(
    weights: [String: [Double]], images: [Double], batch: Int, noise: [Double], beta: Double
  ) -> Double {
    let features = sequence(
      config.encoder, prefix: "encoder", input: images, shape: config.imageShape, batch: batch,
      weights: weights)
    let f = features.shape.count
    let d = config.latentDimensions
    let mu = Reference.linear(
      features.values, batch: batch, inFeatures: f, weight: weights["fc_mu.weight"]!,
      bias: weights["fc_mu.bias"]!, outFeatures: d)
    let logVariance = Reference.linear(
      features.values, batch: batch, inFeatures: f, weight: weights["fc_logvar.weight"]!,
      bias: weights["fc_logvar.bias"]!, outFeatures: d
    ).map {
      min(
        max($0, Double(config.logVarianceRange.lowerBound)),
        Double(config.logVarianceRange.upperBound))
    }
    var z = [Double](repeating: 0, count: batch * d)
    var kl = 0.0
    for i in z.indices {
      z[i] = mu[i] + exp(0.5 * logVariance[i]) * noise[i]
      kl += -0.5 * (1 + logVariance[i] - mu[i] * mu[i] - exp(logVariance[i]))
    }
    let output = sequence(
      config.decoder, prefix: "decoder", input: z, shape: .vector(d), batch: batch,
      weights: weights
    ).values
    var nll = 0.0
    switch config.likelihood {
    case .bernoulli:
      for (l, x) in zip(output, images) {
        // −[x log σ(l) + (1 − x) log(1 − σ(l))]
        nll -= x * log(1 / (1 + exp(-l))) + (1 - x) * log(1 / (1 + exp(l)))
      }
    case .gaussian(let sigma, let learned):
      let logSigma = learned ? weights["log_sigma"]![0] : log(Double(sigma))
      for (m, x) in zip(output, images) {
        let r = (x - m) / exp(logSigma)
        nll += 0.5 * r * r + logSigma + 0.5 * log(2 * Double.pi)
      }
    }
    return (nll + beta * kl) / Double(batch)
  }
}
