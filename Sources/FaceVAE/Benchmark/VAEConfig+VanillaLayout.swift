import NeuralCore

extension VAEConfig {
  /// The layout of PyTorch-VAE's `VanillaVAE` (AntixK/PyTorch-VAE, models/vanilla_vae.py) at
  /// 64×64 RGB, as `tools/pytorch/export.py` writes it: five blocks of Conv2d(3×3, stride 2,
  /// padding 1), BatchNorm2d and LeakyReLU (32 … 512 channels) to 512×2×2, heads `fc_mu` and
  /// `fc_var` to `latent` codes; `decoder_input`, four ConvTranspose2d(3×3, stride 2, padding 1,
  /// output padding 1) blocks back to 32×32×32, and `final_layer`: one more such block, a
  /// Conv2d(32, 3, 3×3, padding 1) and Tanh. Inputs and outputs in [−1, 1]. For benchmarks
  /// against the same network in PyTorch.
  package static func vanillaLayout(latent: Int = 128) -> VAEConfig {
    let hidden = [32, 64, 128, 256, 512]
    func block(_ specs: [LayerKind], _ prefix: String) -> [LayerSpec] {
      // Conv, BatchNorm, LeakyReLU: only the first two have tensors.
      specs.enumerated().map { LayerSpec($1, name: $0 < 2 ? "\(prefix).\($0)" : nil) }
    }
    func norm(_ channels: Int) -> LayerKind {
      .batchNorm(BatchNormSpec(features: channels, spatial: true))
    }
    func up(_ from: Int, _ to: Int) -> LayerKind {
      .convTranspose2d(
        ConvolutionSpec(
          inChannels: from, outChannels: to, kernel: Size2D(3), stride: Size2D(2),
          padding: Size2D(1), outputPadding: Size2D(1)))
    }
    let leaky = LayerKind.activation(.leakyReLU(slope: 0.01))
    var encoder: [LayerSpec] = []
    var previous = 3
    for (index, width) in hidden.enumerated() {
      let conv = LayerKind.conv2d(
        ConvolutionSpec(
          inChannels: previous, outChannels: width, kernel: Size2D(3), stride: Size2D(2),
          padding: Size2D(1)))
      encoder += block([conv, norm(width), leaky], "encoder.\(index)")
      previous = width
    }
    encoder.append(.flatten)
    let features = hidden[4] * 4
    var decoder: [LayerSpec] = [
      LayerSpec(
        .linear(inFeatures: latent, outFeatures: features, bias: true), name: "decoder_input"),
      .unflatten(Shape(channels: hidden[4], height: 2, width: 2)),
    ]
    let reversed = Array(hidden.reversed())
    for index in 0..<4 {
      decoder += block(
        [up(reversed[index], reversed[index + 1]), norm(reversed[index + 1]), leaky],
        "decoder.\(index)")
    }
    decoder += block([up(32, 32), norm(32), leaky], "final_layer")
    decoder.append(
      LayerSpec(
        .conv2d(
          ConvolutionSpec(inChannels: 32, outChannels: 3, kernel: Size2D(3), padding: Size2D(1))),
        name: "final_layer.3"))
    decoder.append(.tanh)
    return VAEConfig(
      name: "vanilla64", channels: 3, height: 64, width: 64, latentDimensions: latent,
      likelihood: .gaussian(sigma: 0.2, learned: false), encoder: encoder,
      meanHead: [
        LayerSpec(.linear(inFeatures: features, outFeatures: latent, bias: true), name: "fc_mu")
      ],
      logVarianceHead: [
        LayerSpec(.linear(inFeatures: features, outFeatures: latent, bias: true), name: "fc_var")
      ],
      decoder: decoder,
      inputNormalization: InputNormalization(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5]),
      outputRange: -1...1)
  }
}
