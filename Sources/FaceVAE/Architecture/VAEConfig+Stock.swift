import LatentBasics
import NeuralCore

extension VAEConfig {
  /// The convolutional face model: stride-2 4×4 convolutions (32, 64, 128, …
  /// channels) halve a square image down to 4×4, heads to `latent` codes, and
  /// a mirrored decoder of Linear, Unflatten and ConvTranspose2d 4/2/1 layers.
  /// At size 64 this is Conv2d(c,32,4,2,1) … (128,256) → 4096 features.
  ///
  /// - Parameters:
  ///   - size: image side, a power of two from 8 to 256.
  package static func conv(
    size: Int = 64, channels: Int = 3, latent: Int = 32, likelihood: Likelihood = .bernoulli
  ) throws(LatentError) -> VAEConfig {
    guard size >= 8, size <= 256, size & (size - 1) == 0 else {
      throw LatentError(
        .configuration, "conv models take a power-of-two size from 8 to 256, not \(size)")
    }
    guard channels == 1 || channels == 3 else {
      throw LatentError(.configuration, "images have 1 or 3 channels, not \(channels)")
    }
    guard latent >= 1, latent <= 4096 else {
      throw LatentError(.configuration, "latent size \(latent) out of range")
    }
    var widths: [Int] = []
    var side = size
    while side > 4 {
      widths.append(32 << widths.count)
      side /= 2
    }
    var encoder: [LayerSpec] = []
    var previous = channels
    for w in widths {
      encoder += [
        .conv2d(inChannels: previous, outChannels: w, kernel: 4, stride: 2, padding: 1), .relu,
      ]
      previous = w
    }
    encoder.append(.flatten)
    let top = previous
    var decoder: [LayerSpec] = [
      .linear(inFeatures: latent, outFeatures: top * 16), .relu,
      .unflatten(Shape(channels: top, height: 4, width: 4)),
    ]
    let outputs = Array(widths.reversed().dropFirst()) + [channels]
    for (index, out) in outputs.enumerated() {
      decoder.append(
        .convTranspose2d(
          inChannels: previous, outChannels: out, kernel: 4, stride: 2, padding: 1, outputPadding: 0
        ))
      if index < outputs.count - 1 { decoder.append(.relu) }
      previous = out
    }
    if case .gaussian = likelihood { decoder.append(.sigmoid) }
    return VAEConfig(
      name: "conv\(size)", channels: channels, height: size, width: size, latentDimensions: latent,
      likelihood: likelihood, encoder: encoder, decoder: decoder)
  }

  /// Kingma & Welling's fully connected model (560-200-20 for Frey faces):
  /// one tanh hidden layer each way.
  package static func mlp(
    width: Int = 20, height: Int = 28, channels: Int = 1, hidden: Int = 200, latent: Int = 20,
    likelihood: Likelihood = .bernoulli
  ) throws(LatentError) -> VAEConfig {
    guard width >= 1, height >= 1, width * height <= 1 << 16, channels == 1 || channels == 3 else {
      throw LatentError(.configuration, "mlp models take up to 65536 pixels of 1 or 3 channels")
    }
    let pixels = width * height * channels
    var decoder: [LayerSpec] = [
      .linear(inFeatures: latent, outFeatures: hidden), .tanh,
      .linear(inFeatures: hidden, outFeatures: pixels),
    ]
    if case .gaussian = likelihood { decoder.append(.sigmoid) }
    decoder.append(.unflatten(Shape(channels: channels, height: height, width: width)))
    return VAEConfig(
      name: "mlp", channels: channels, height: height, width: width, latentDimensions: latent,
      likelihood: likelihood,
      encoder: [.flatten, .linear(inFeatures: pixels, outFeatures: hidden), .tanh],
      decoder: decoder)
  }
}
