import ImageIO
import NeuralCore

// Unsafe pointers: the boundary to NeuralCore's layers and kernels, which work in place on
// pointers so that a training step allocates nothing.

/// Losses of one batch, in nats per image.
package struct BatchLoss: Hashable, Sendable {
  /// −log p(x | z), the reconstruction term.
  package var reconstruction: Double
  /// KL(q(z | x) ‖ p(z)).
  package var kl: Double
  /// The evidence lower bound: −(reconstruction + KL); higher is better.
  package var elbo: Double { -(reconstruction + kl) }
  /// Whether both terms are finite.
  package var isFinite: Bool { reconstruction.isFinite && kl.isFinite }

  package init(reconstruction: Double, kl: Double) {
    self.reconstruction = reconstruction
    self.kl = kl
  }
}

/// The posterior q(z | x) of a batch of images: means and log-variances (unclamped), `[N, D]` each.
package struct Posterior: Hashable, Sendable {
  package var mean: LatentCodes
  package var logVariance: LatentCodes
}

extension VariationalAutoencoder {
  /// The posteriors of `images` (`[N, C, H, W]` of the model's size, values in [0, 1]),
  /// computed in parts of at most ``VAEBlueprint/inferenceBatchLimit`` images.
  package func encode(_ images: ImageBatch) -> Posterior {
    precondition(images.valuesPerImage == imageSize, "images of another size than the model's")
    let d = latentDimensions
    let n = images.count
    guard n > 0 else {
      return Posterior(mean: LatentCodes(dimensions: d), logVariance: LatentCodes(dimensions: d))
    }
    var means = [Float]()
    var logVariances = [Float]()
    means.reserveCapacity(n * d)
    logVariances.reserveCapacity(n * d)
    images.values.withKernelInput { pixels in
      for part in Self.parts(of: n, size: blueprint.inferenceBatchLimit) {
        let (mean, logVariance) = encode(pixels + part.lowerBound * imageSize, batch: part.count)
        means += UnsafeBufferPointer(start: mean, count: part.count * d)
        logVariances += UnsafeBufferPointer(start: logVariance, count: part.count * d)
      }
    }
    return Posterior(
      mean: LatentCodes(means, dimensions: d), logVariance: LatentCodes(logVariances, dimensions: d)
    )
  }

  /// `0..<count` cut into consecutive ranges of at most `size`.
  static func parts(of count: Int, size: Int) -> [Range<Int>] {
    stride(from: 0, to: count, by: max(1, size)).map { $0..<min(count, $0 + max(1, size)) }
  }

  /// The images `codes` decode to (`[N, C, H, W]`, values in [0, 1]: σ(logits) for Bernoulli,
  /// the means for Gaussian).
  package func decode(_ codes: LatentCodes) -> ImageBatch {
    let shape = config.imageShape
    let empty = ImageBatch(channels: shape.channels, height: shape.height, width: shape.width)
    guard !codes.isEmpty else { return empty }
    let values = decoding(codes) { Array(UnsafeBufferPointer(start: $0, count: $1 * imageSize)) }
    guard
      let batch = ImageBatch(
        channels: shape.channels, height: shape.height, width: shape.width, values: values)
    else { preconditionFailure("the decoder gives whole images") }
    return batch
  }

  /// The 8-bit images `codes` decode to (the explorer's faces: no planar copy in between).
  package func images(decoding codes: LatentCodes) -> [Image] {
    guard !codes.isEmpty else { return [] }
    let (size, shape) = (imageSize, config.imageShape)
    return decoding(codes) { output, count in
      (0..<count).map { k in
        Image(
          planar: UnsafeBufferPointer(start: output + k * size, count: size).span,
          channels: shape.channels, height: shape.height, width: shape.width)
      }
    }
  }

  /// Mean losses of `images` with z = μ + σ·ε for the standard normal samples `noise`
  /// (`[N, D]`, one code per image), and every parameter's gradient set to d(loss)/dθ for
  /// loss = mean over the batch of (reconstruction + `beta`·KL); the returned losses are
  /// unweighted. Allocates nothing once the buffers have grown to the batch size.
  package func lossAndGradients(images: ImageBatch, noise: LatentCodes, beta: Float = 1)
    -> BatchLoss
  {
    run(images: images, noise: noise, beta: beta, train: true)
  }

  /// Mean losses of `images` with z = μ + σ·ε for the standard normal samples `noise`
  /// (`[N, D]`), without gradients.
  package func loss(images: ImageBatch, noise: LatentCodes) -> BatchLoss {
    run(images: images, noise: noise, beta: 1, train: false)
  }

  private func run(images: ImageBatch, noise: LatentCodes, beta: Float, train: Bool) -> BatchLoss {
    precondition(images.valuesPerImage == imageSize, "images of another size than the model's")
    precondition(
      noise.dimensions == latentDimensions && noise.count == images.count,
      "one noise code per image")
    guard images.count > 0 else { return BatchLoss(reconstruction: 0, kl: 0) }
    return images.values.withKernelInput { pixels in
      noise.values.withKernelInput { epsilon in
        run(images: pixels, batch: images.count, noise: epsilon, beta: beta, train: train)
      }
    }
  }

  /// Decodes `codes` in parts of at most ``VAEBlueprint/inferenceBatchLimit`` codes; hands
  /// `body` each part's output (`count × imageSize` values, valid during the call) and its
  /// `count`, and joins what it returns.
  private func decoding<Element>(
    _ codes: LatentCodes, _ body: (UnsafeMutablePointer<Float>, Int) -> [Element]
  ) -> [Element] {
    precondition(codes.dimensions == latentDimensions, "codes of another length than the model's")
    let d = latentDimensions
    var result = [Element]()
    for part in Self.parts(of: codes.count, size: blueprint.inferenceBatchLimit) {
      let input = latent.reserve(part.count * d)
      codes.values.withKernelInput { values in
        input.update(from: values + part.lowerBound * d, count: part.count * d)
      }
      result += body(decode(input, batch: part.count), part.count)
    }
    return result
  }

  /// Encodes `batch` images (`[N, C, H, W]`, values in [0, 1]) in evaluation mode to posterior
  /// means and log-variances (`[N, latent]` each, unclamped), valid until the next call on this model.
  func encode(_ images: UnsafeMutablePointer<Float>, batch: Int)
    -> (mean: UnsafeMutablePointer<Float>, logVariance: UnsafeMutablePointer<Float>)
  {
    setTraining(false)
    return posterior(images, batch: batch)
  }

  /// The posterior's means and log-variances of `batch` images in the current mode.
  private func posterior(_ images: UnsafeMutablePointer<Float>, batch: Int)
    -> (mean: UnsafeMutablePointer<Float>, logVariance: UnsafeMutablePointer<Float>)
  {
    let input =
      inputNormalization?.forward(
        images, shape: config.imageShape, batch: batch, threading: threading) ?? images
    let features = encoder.forward(input, batch: batch, threading: threading)
    return (
      meanHead.forward(features, batch: batch, threading: threading),
      logVarianceHead.forward(features, batch: batch, threading: threading)
    )
  }

  /// Decodes `batch` codes (`[N, latent]`) in evaluation mode to images in [0, 1]
  /// (`[N, C, H, W]`), valid until the next call on this model.
  func decode(_ codes: UnsafeMutablePointer<Float>, batch: Int) -> UnsafeMutablePointer<Float> {
    setTraining(false)
    let output = evaluationDecoder.network(for: decoder).forward(
      codes, batch: batch, threading: threading)
    let count = batch * imageSize
    switch config.likelihood {
    case .bernoulli:
      let means = imageMeans.reserve(count)
      Activation.sigmoid.apply(count, output, into: means)
      return means
    case .gaussian:
      guard let range = config.outputRange else { return output }
      // The decoder's scale to [0, 1], clamped: what a user's Tanh output shows as an image.
      let means = imageMeans.reserve(count)
      let scale = 1 / (range.upperBound - range.lowerBound)
      let shift = -range.lowerBound * scale
      let (zero, one) = (VectorLoop.Vector(repeating: 0), VectorLoop.Vector(repeating: 1))
      VectorLoop.map(count, output, into: means) {
        ($0 * scale + shift).clamped(lowerBound: zero, upperBound: one)
      }
      return means
    }
  }

  /// `images` (values in [0, 1]) on the decoder's output scale, for the Gaussian likelihood.
  private func likelihoodTargets(_ images: UnsafeMutablePointer<Float>, count: Int)
    -> UnsafeMutablePointer<Float>
  {
    guard let range = config.outputRange, range != 0...1 else { return images }
    let mapped = targets.reserve(count)
    let (low, width) = (range.lowerBound, range.upperBound - range.lowerBound)
    VectorLoop.map(count, images, into: mapped) { low + $0 * width }
    return mapped
  }

  /// Forward (and, when `train` is set, backward) through the whole VAE for one batch.
  ///
  /// With `train`, every parameter's gradient becomes d(loss)/dθ for
  /// loss = mean over the batch of (reconstruction + β·KL).
  ///
  /// - Parameters:
  ///   - images: `[N, C, H, W]` values in [0, 1].
  ///   - noise: `[N, latent]` standard normal samples ε for z = μ + σ·ε.
  ///   - beta: weight of the KL term in the gradient (the returned losses are unweighted).
  private func run(
    images: UnsafeMutablePointer<Float>, batch: Int, noise: UnsafePointer<Float>, beta: Float,
    train: Bool
  ) -> BatchLoss {
    setTraining(train)
    let d = latentDimensions
    let n = batch * d
    let (mu, logVariance) = posterior(images, batch: batch)
    let range = config.logVarianceRange
    let lv = clampedLogVariance.reserve(n)
    let sd = standardDeviation.reserve(n)
    let z = latent.reserve(n)
    let low = VectorLoop.Vector(repeating: range.lowerBound)
    let high = VectorLoop.Vector(repeating: range.upperBound)
    VectorLoop.run(n) { i, lanes in
      let clamped = VectorLoop.load(logVariance, i, lanes).clamped(
        lowerBound: low, upperBound: high)
      let deviation = FastMath.exp(0.5 * clamped)
      VectorLoop.store(clamped, lv, i, lanes)
      VectorLoop.store(deviation, sd, i, lanes)
      let sample = VectorLoop.load(mu, i, lanes) + deviation * VectorLoop.load(noise, i, lanes)
      VectorLoop.store(sample, z, i, lanes)
    }
    let output = decoder.forward(z, batch: batch, threading: threading)
    let count = batch * imageSize
    let scale = 1 / Float(batch)
    let dOut = outputGradient.reserve(count)
    let reconstruction: Double
    var logSigmaGradient: Float = 0
    switch config.likelihood {
    case .bernoulli:
      reconstruction = BernoulliLikelihood.negativeLogLikelihood(
        logits: output, targets: images, count: count, gradientScale: scale,
        gradient: train ? dOut : nil)
    case .gaussian:
      (reconstruction, logSigmaGradient) = GaussianLikelihood.negativeLogLikelihood(
        means: output, targets: likelihoodTargets(images, count: count), count: count,
        logSigma: currentLogSigma,
        gradientScale: scale, gradient: dOut)
    }
    let dMu = meanGradient.reserve(n)
    let dLv = logVarianceGradient.reserve(n)
    guard train else {
      let kl = GaussianKL.divergence(
        means: mu, logVariances: lv, count: n, gradientScale: 0, meanGradient: dMu,
        logVarianceGradient: dLv)
      return BatchLoss(reconstruction: reconstruction / Double(batch), kl: kl / Double(batch))
    }
    if let logSigma { logSigma.gradient[0] = logSigmaGradient }
    guard let dz = decoder.backward(dOut, needsInputGradient: true) else {
      preconditionFailure("the decoder returns its input gradient when asked")
    }
    for i in 0..<n {
      dMu[i] = dz[i]
      dLv[i] = dz[i] * noise[i] * 0.5 * sd[i]
    }
    let kl = GaussianKL.divergence(
      means: mu, logVariances: lv, count: n, gradientScale: beta * scale, meanGradient: dMu,
      logVarianceGradient: dLv)
    // Where the clamp was active, log σ² does not reach the loss.
    for i in 0..<n where lv[i] != logVariance[i] { dLv[i] = 0 }
    let features = encoder.outputShape.count * batch
    let dh = featureGradient.reserve(features)
    guard let fromMean = meanHead.backward(dMu, needsInputGradient: true),
      let fromLogVariance = logVarianceHead.backward(dLv, needsInputGradient: true)
    else { preconditionFailure("the heads return their input gradient when asked") }
    for i in 0..<features { dh[i] = fromMean[i] + fromLogVariance[i] }
    encoder.backward(dh, needsInputGradient: false)
    return BatchLoss(reconstruction: reconstruction / Double(batch), kl: kl / Double(batch))
  }
}
