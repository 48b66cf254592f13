import FaceVAE
import Foundation
import LatentBasics
import NeuralCore
import ReferenceModels
import SafeTensors
import TestSupport
import Testing

@Suite("Format 2: named layers, own heads, BatchNorm, input and output mapping")
struct FormatTwoTests {
  /// Every new piece in one small model: rectangular and strided convolutions, BatchNorm in
  /// both forms, smooth activations, a residual block, upsampling, two-layer heads under
  /// their own names, input normalisation and a Tanh output on [−1, 1].
  static let tiny: VAEConfig = {
    func conv(_ i: Int, _ o: Int, _ k: Size2D, stride: Int = 1, padding: Size2D) -> LayerKind {
      .conv2d(
        ConvolutionSpec(
          inChannels: i, outChannels: o, kernel: k, stride: Size2D(stride), padding: padding))
    }
    return VAEConfig(
      name: "tiny2", channels: 1, height: 8, width: 8, latentDimensions: 4,
      likelihood: .gaussian(sigma: 0.3, learned: false),
      encoder: [
        LayerSpec(
          conv(1, 2, Size2D(height: 3, width: 2), stride: 2, padding: Size2D(height: 1, width: 0)),
          name: "enc.conv"),
        LayerSpec(.batchNorm(BatchNormSpec(features: 2, spatial: true)), name: "enc.norm"),
        LayerSpec(.activation(.silu)),
        LayerSpec(conv(2, 3, Size2D(3), stride: 2, padding: Size2D(1)), name: "enc.conv2"),
        .flatten,
      ],
      meanHead: [LayerSpec(.linear(inFeatures: 12, outFeatures: 4, bias: true), name: "embedding")],
      logVarianceHead: [
        LayerSpec(.linear(inFeatures: 12, outFeatures: 5, bias: false), name: "var.0"),
        LayerSpec(.activation(.elu(alpha: 1))),
        LayerSpec(.linear(inFeatures: 5, outFeatures: 4, bias: true), name: "var.2"),
      ],
      decoder: [
        LayerSpec(.linear(inFeatures: 4, outFeatures: 12, bias: true), name: "fc"),
        LayerSpec(.batchNorm(BatchNormSpec(features: 12, spatial: false)), name: "fc_norm"),
        .unflatten(Shape(channels: 3, height: 2, width: 2)),
        LayerSpec(.upsample(scale: Size2D(2), mode: .bilinear)),
        LayerSpec(
          .residual(
            body: [
              LayerSpec(conv(3, 3, Size2D(3), padding: Size2D(1)), name: "res.conv"),
              LayerSpec(.activation(.gelu(tanhApproximation: false))),
            ], shortcut: [])),
        LayerSpec(
          .convTranspose2d(
            ConvolutionSpec(
              inChannels: 3, outChannels: 1, kernel: Size2D(4), stride: Size2D(2),
              padding: Size2D(1))), name: "out"),
        .tanh,
      ],
      inputNormalization: InputNormalization(mean: [0.5], std: [0.25]),
      outputRange: -1...1)
  }()

  func batch(_ model: VariationalAutoencoder, count: Int, seed: UInt64) throws -> (
    ImageBatch, LatentCodes
  ) {
    let config = model.config
    let images = randomValues(count * model.imageSize, seed: seed).map { ($0 + 1) / 2 }
    let noise = randomValues(count * model.latentDimensions, seed: seed + 1)
    return (
      try #require(
        ImageBatch(
          channels: config.channels, height: config.height, width: config.width, values: images)),
      try #require(LatentCodes(dimensions: model.latentDimensions, values: noise))
    )
  }

  @Test func namesAreTheStateDictNames() throws {
    let model = try VariationalAutoencoder(config: Self.tiny, seed: 1)
    #expect(
      model.namedParameters.map(\.name) == [
        "enc.conv.weight", "enc.conv.bias", "enc.norm.weight", "enc.norm.bias",
        "enc.conv2.weight", "enc.conv2.bias", "embedding.weight", "embedding.bias",
        "var.0.weight", "var.2.weight", "var.2.bias", "fc.weight", "fc.bias", "fc_norm.weight",
        "fc_norm.bias", "res.conv.weight", "res.conv.bias", "out.weight", "out.bias",
      ])
    #expect(
      model.namedBuffers.map(\.name) == [
        "enc.norm.running_mean", "enc.norm.running_var", "enc.norm.num_batches_tracked",
        "fc_norm.running_mean", "fc_norm.running_var", "fc_norm.num_batches_tracked",
      ])
    #expect(
      model.namedParameters.first { $0.name == "enc.conv.weight" }?.parameter.shape == [2, 1, 3, 2])
  }

  /// The training loss's gradient (batch statistics, the heads, the residual block, the
  /// output scale) against central differences of the same loss, in Float on a few entries
  /// of every parameter.
  @Test func gradientsMatchFiniteDifferences() throws {
    let model = try VariationalAutoencoder(config: Self.tiny, seed: 5)
    let (images, noise) = try batch(model, count: 3, seed: 20)
    _ = model.lossAndGradients(images: images, noise: noise)
    let analytic = model.namedParameters.map { ($0.name, $0.parameter.gradients) }
    func loss() -> Double {
      let l = model.lossAndGradients(images: images, noise: noise)
      return l.reconstruction + l.kl
    }
    for ((name, parameter), (_, gradient)) in zip(model.namedParameters, analytic) {
      for index in Set([0, parameter.count / 2, parameter.count - 1]) {
        let original = parameter.value[index]
        let h: Float = 1e-2
        parameter.value[index] = original + h
        parameter.valuesChanged()
        let up = loss()
        parameter.value[index] = original - h
        parameter.valuesChanged()
        let down = loss()
        parameter.value[index] = original
        parameter.valuesChanged()
        let numeric = (up - down) / Double(2 * h)
        let difference = abs(numeric - Double(gradient[index]))
        #expect(
          difference <= 2e-2 * max(1, abs(numeric)),
          "\(name)[\(index)]: analytic \(gradient[index]), numeric \(numeric)")
      }
    }
  }

  @Test func runningStatisticsMoveInTrainingOnly() throws {
    let model = try VariationalAutoencoder(config: Self.tiny, seed: 2)
    let (images, noise) = try batch(model, count: 4, seed: 30)
    func buffer(_ name: String) -> [Float] {
      model.namedBuffers.first { $0.name == name }!.parameter.values
    }
    _ = model.encode(images)
    _ = model.loss(images: images, noise: noise)
    #expect(buffer("enc.norm.running_var") == [1, 1])
    #expect(buffer("enc.norm.num_batches_tracked") == [0])
    _ = model.lossAndGradients(images: images, noise: noise)
    _ = model.lossAndGradients(images: images, noise: noise)
    #expect(buffer("enc.norm.num_batches_tracked") == [2])
    #expect(buffer("fc_norm.running_mean") != Array(repeating: 0, count: 12))
    // Evaluation uses them: the same images encode the same way twice, whatever the batch.
    let first = try #require(
      ImageBatch(channels: 1, height: 8, width: 8, values: Array(images[0])))
    let alone = model.encode(first)
    let together = model.encode(images)
    // (In training mode one image's batch statistics would move them by tenths.)
    #expect(zip(alone.mean[0], together.mean[0]).allSatisfy { abs($0 - $1) < 1e-5 })
  }

  /// A Tanh decoder's output on [−1, 1] shows as (out + 1)/2, clamped to [0, 1].
  @Test func outputRangeMapsToImages() throws {
    let config = VAEConfig(
      name: "range", channels: 1, height: 1, width: 5, latentDimensions: 1,
      likelihood: .gaussian(sigma: 0.1, learned: false), encoder: [.flatten],
      decoder: [LayerSpec(.linear(inFeatures: 1, outFeatures: 5, bias: true), name: "out")],
      outputRange: -1...1)
    let model = try VariationalAutoencoder(config: config, seed: 1)
    let layer = try #require(model.namedParameters.first { $0.name == "out.weight" }?.parameter)
    layer.assign([Float](repeating: 0, count: 5))
    try #require(model.namedParameters.first { $0.name == "out.bias" }?.parameter).assign([
      -2, -0.5, 0, 0.5, 2,
    ])
    let image = model.decode(try #require(LatentCodes(dimensions: 1, values: [0.7])))
    #expect(image.values == [0, 0.25, 0.5, 0.75, 1])
  }

  /// What the encoder sees is (x − mean)/std per channel.
  @Test func inputNormalizationIsPerChannel() throws {
    let config = VAEConfig(
      name: "norm", channels: 3, height: 1, width: 1, latentDimensions: 3,
      likelihood: .gaussian(sigma: 0.1, learned: false), encoder: [.flatten], meanHead: [],
      logVarianceHead: [],
      decoder: [LayerSpec(.linear(inFeatures: 3, outFeatures: 3, bias: true), name: "d")],
      inputNormalization: InputNormalization(mean: [0.5, 0.2, 0.1], std: [0.5, 0.25, 2]))
    let model = try VariationalAutoencoder(config: config, seed: 1)
    let image = try #require(ImageBatch(channels: 3, height: 1, width: 1, values: [1, 0.2, 0.5]))
    let mean = model.encode(image).mean[0]
    #expect(zip(mean, [1, 0, 0.2]).allSatisfy { abs($0 - $1) < 1e-6 }, "\(mean)")
  }

  @Test func roundTripKeepsConfigWeightsAndBuffers() throws {
    let folder = try TemporaryFolder()
    let model = try VariationalAutoencoder(config: Self.tiny, seed: 3)
    let (images, noise) = try batch(model, count: 4, seed: 40)
    for _ in 0..<3 { _ = model.lossAndGradients(images: images, noise: noise) }
    let path = folder.file("m.safetensors")
    try FaceModel(vae: model).save(to: path)
    let file = try SafeTensorsFile.read(contentsOf: path)
    #expect(file.metadata["latent.format"] == "2")
    #expect(file.tensors["enc.norm.num_batches_tracked"]?.dtype == .int64)
    #expect(file.tensors["enc.norm.num_batches_tracked"]?.shape == [])
    #expect(file.tensors["enc.norm.num_batches_tracked"]?.values == [3])
    let loaded = try FaceModel.load(from: path)
    #expect(loaded.config == Self.tiny)
    for ((name, a), (otherName, b)) in zip(model.namedState, loaded.vae.namedState) {
      #expect(name == otherName)
      #expect(a.values == b.values, "\(name)")
    }
    // The stock models keep writing format 1, which older builds read.
    let stock = folder.file("stock.safetensors")
    try FaceModel(vae: try VariationalAutoencoder(config: try .conv(size: 8, channels: 1), seed: 1))
      .save(to: stock)
    #expect(try SafeTensorsFile.read(contentsOf: stock).metadata["latent.format"] == "1")
  }

  @Test func missingAndUnexpectedTensorsAreListed() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("m.safetensors")
    try FaceModel(vae: try VariationalAutoencoder(config: Self.tiny, seed: 3)).save(to: path)
    let file = try SafeTensorsFile.read(contentsOf: path)
    var tensors = file.tensors
    tensors["enc.norm.running_var"] = nil
    tensors["out.bias"] = nil
    let broken = folder.file("broken.safetensors")
    try SafeTensorsFile(tensors: tensors, metadata: file.metadata, source: broken).write(to: broken)
    #expect {
      try FaceModel.load(from: broken)
    } throws: {
      let message = "\($0)"
      return message.contains("missing 2 tensors: ") && message.contains("'enc.norm.running_var'")
        && message.contains("'out.bias'") && message.hasPrefix(broken)
    }
    tensors = file.tensors
    tensors["encoder.0.weight"] = tensors["enc.conv.weight"]
    let stranger = folder.file("stranger.safetensors")
    try SafeTensorsFile(tensors: tensors, metadata: file.metadata, source: stranger).write(
      to: stranger)
    #expect {
      try FaceModel.load(from: stranger)
    } throws: {
      "\($0)".contains("unexpected tensor 'encoder.0.weight'")
    }
  }

  /// Decoding folds the decoder's BatchNorm into the layer before it: the faces are those of
  /// the unfolded layers in evaluation mode, and stay so when the weights change.
  @Test func foldedBatchNormDecodesAsTheLayers() throws {
    let model = try VariationalAutoencoder(config: Self.tiny, seed: 6)
    let (images, noise) = try batch(model, count: 4, seed: 50)
    for _ in 0..<3 { _ = model.lossAndGradients(images: images, noise: noise) }
    let codes = try #require(
      LatentCodes(dimensions: 4, values: randomValues(2 * 4, seed: 51)))
    func unfolded() -> [Float] {
      model.decoder.setTraining(false)
      var input = codes.values
      let count = 2 * model.imageSize
      let output = input.withUnsafeMutableBufferPointer {
        model.decoder.forward($0.baseAddress!, batch: 2, threading: .single)
      }
      // The Tanh output on [−1, 1], shown as (out + 1)/2.
      return (0..<count).map { min(1, max(0, (output[$0] + 1) / 2)) }
    }
    func close(_ a: [Float], _ b: [Float]) -> Bool {
      zip(a, b).allSatisfy { abs($0 - $1) < 1e-5 }
    }
    #expect(close(model.decode(codes).values, unfolded()))
    // New running statistics and weights (as a training run publishes them) reach the faces.
    let norm = try #require(model.namedBuffers.first { $0.name == "fc_norm.running_mean" })
    norm.parameter.assign((0..<12).map { Float($0) / 10 })
    let fc = try #require(model.namedParameters.first { $0.name == "fc.weight" })
    fc.parameter.assign(fc.parameter.values.map { $0 * 1.5 })
    let after = model.decode(codes).values
    #expect(close(after, unfolded()))
    #expect(!close(after, model.decode(codes).values.map { $0 + 0.01 }))
  }

  /// Configs that cannot work are refused before anything is allocated, naming the problem.
  @Test(arguments: [
    (
      [LayerSpec(.upsample(scale: Size2D(height: 60000, width: 60000), mode: .nearest)), .flatten],
      "values per image"
    ),
    (
      [
        LayerSpec(
          .residual(
            body: [
              LayerSpec(
                .conv2d(ConvolutionSpec(inChannels: 1, outChannels: 2, kernel: Size2D(1))),
                name: "b")
            ], shortcut: [])), .flatten,
      ],
      "the residual body gives"
    ),
    (
      [
        LayerSpec(
          .conv2d(ConvolutionSpec(inChannels: 1, outChannels: 1, kernel: Size2D(1))), name: "x"),
        LayerSpec(
          .conv2d(ConvolutionSpec(inChannels: 1, outChannels: 1, kernel: Size2D(1))), name: "x"),
        .flatten,
      ],
      "two layers name the tensor 'x.weight'"
    ),
    (
      [LayerSpec(.batchNorm(BatchNormSpec(features: 3, spatial: true)), name: "n"), .flatten],
      "BatchNorm2d(3"
    ),
  ])
  func impossibleConfigsAreRefused(encoder: [LayerSpec], problem: String) throws {
    let config = VAEConfig(
      name: "bad", channels: 1, height: 8, width: 8, latentDimensions: 2,
      likelihood: .gaussian(sigma: 0.1, learned: false), encoder: encoder,
      decoder: [.linear(inFeatures: 2, outFeatures: 64)])
    #expect {
      try config.validate()
    } throws: {
      "\($0)".contains(problem)
    }
  }
}
