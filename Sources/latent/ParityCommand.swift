import ArgumentParser
import FaceData
import FaceVAE
import FoundationEssentials
import ImageIO
import NeuralCore
import SafeTensors
import Glibc
import LatentBasics

/// `latent parity …` (hidden): the Swift half of the PyTorch parity check in
/// `tools/pytorch/test_parity.py`. Each subcommand reads and writes plain
/// `.safetensors` files, so the Python side can compare tensors directly.
struct ParityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parity",
    abstract: "Helpers for the PyTorch parity check (tools/pytorch).",
    shouldDisplay: false,
    subcommands: [
      Config.self, Initial.self, Decode.self, Step.self, Info.self, Synthetic.self, Load.self,
    ])

  /// Prints a stock config as JSON with sorted keys (what the model file stores).
  struct Config: ParsableCommand, ComputingCommand {
    static let configuration = CommandConfiguration(
      commandName: "config", abstract: "Print a stock config as JSON.")
    @OptionGroup var architecture: ArchitectureOptions

    func run() throws {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      print(String(decoding: try encoder.encode(try architecture.resolve()), as: UTF8.self))
    }
  }

  /// Writes a freshly initialised model (no training record).
  struct Initial: ParsableCommand, ComputingCommand {
    static let configuration = CommandConfiguration(
      commandName: "init", abstract: "Write a freshly initialised model file.")
    @OptionGroup var architecture: ArchitectureOptions
    @OptionGroup var seed: SeedOption
    @Option(help: "The model file to write.") var out: String

    func run() throws {
      let vae = try VariationalAutoencoder(config: try architecture.resolve(), seed: seed.value)
      try FaceModel(vae: vae).save(to: out)
    }
  }

  /// Decodes the tensor `codes` `[N, D]` to `images` `[N, C, H, W]` in [0, 1].
  struct Decode: ParsableCommand, ComputingCommand {
    static let configuration = CommandConfiguration(
      commandName: "decode", abstract: "Decode latent codes to pixels.")
    @OptionGroup var model: ModelOption
    @Option(help: "A .safetensors file with a tensor 'codes' [N, D].") var codes: String
    @Option(help: "Where to write the tensor 'images' [N, C, H, W].") var out: String

    func run() throws {
      let face = try model.load()
      let vae = face.vae
      let file = try SafeTensorsFile.read(contentsOf: codes)
      let tensor = try file.tensor(named: "codes")
      let d = vae.latentDimensions
      guard tensor.shape.count == 2, tensor.shape[0] > 0, tensor.shape[1] == d else {
        throw LatentError(
          .data, path: codes, "'codes' has shape \(tensor.shape), expected [N, \(d)]")
      }
      let n = tensor.shape[0]
      guard let codes = LatentCodes(dimensions: d, values: tensor.values) else {
        throw ValidationError("\(self.codes): 'codes' does not hold \(n) codes")
      }
      let pixels = vae.decode(codes).values
      let c = vae.config
      let images = StoredTensor(shape: [n, c.channels, c.height, c.width], values: pixels)
      try SafeTensorsFile(tensors: ["images": images], source: out).write(to: out)
    }
  }

  /// One training step: losses, gradients and the weights after one Adam update.
  struct Step: ParsableCommand, ComputingCommand {
    static let configuration = CommandConfiguration(
      commandName: "step", abstract: "One Adam step from given weights, images and noise.")
    /// The starting weights.
    @OptionGroup var model: ModelOption
    @Option(help: "A .safetensors file with 'images' [N, C, H, W] and 'noise' [N, D].")
    var batch: String
    @Option(help: "Where to write 'loss.recon', 'loss.kl', 'grad.NAME' and the updated weights.")
    var out: String
    @Option(help: "Adam learning rate.") var lr: Float = 1e-3
    @Option(help: "KL weight β.") var beta: Float = 1
    @Option(help: "Adam ε.") var eps: Float = 1e-8

    func run() throws {
      let face = try model.load()
      let vae = face.vae
      let file = try SafeTensorsFile.read(contentsOf: batch)
      let images = try file.tensor(named: "images")
      let n = images.shape.first ?? 0
      let c = vae.config
      guard images.shape == [n, c.channels, c.height, c.width], n > 0 else {
        throw LatentError(.data, path: batch, "'images' has shape \(images.shape)")
      }
      let noise = try file.values(named: "noise", shape: [n, vae.latentDimensions])
      guard
        let batchImages = ImageBatch(
          channels: c.channels, height: c.height, width: c.width, values: images.values),
        let batchNoise = LatentCodes(dimensions: vae.latentDimensions, values: noise)
      else { throw ValidationError("\(batch): 'images' or 'noise' has the wrong number of values") }
      let loss = vae.lossAndGradients(images: batchImages, noise: batchNoise, beta: beta)
      var tensors: [String: StoredTensor] = [
        "loss.recon": StoredTensor(shape: [], values: [Float(loss.reconstruction)]),
        "loss.kl": StoredTensor(shape: [], values: [Float(loss.kl)]),
      ]
      for (name, parameter) in vae.namedParameters {
        tensors["grad.\(name)"] = StoredTensor(shape: parameter.shape, values: parameter.gradients)
      }
      var settings = Adam.Settings()
      settings.learningRate = lr
      settings.epsilon = eps
      Adam(parameters: vae.parameters, settings: settings).update()
      for (name, parameter) in vae.namedParameters {
        tensors[name] = StoredTensor(shape: parameter.shape, values: parameter.values)
      }
      try SafeTensorsFile(tensors: tensors, source: out).write(to: out)
    }
  }

  /// Loads a model file with `FaceModel.load(from:)` and prints what it holds as JSON.
  struct Info: ParsableCommand, ComputingCommand {
    static let configuration = CommandConfiguration(
      commandName: "info", abstract: "Summarise a model file as JSON.")
    @OptionGroup var model: ModelOption

    func run() throws {
      let face = try model.load()
      var summary = ParityModelSummary(
        name: face.config.name, latentDimensions: face.vae.latentDimensions,
        parameters: face.vae.parameterCount, storedFaces: face.storedFaces,
        labels: face.codeLabels, attributes: face.attributes.keys.sorted(),
        hasKLPerDimension: face.klPerDimension != nil)
      if let training = face.training {
        summary.data = training.data
        summary.images = training.images
        summary.epochs = training.epochs.map {
          ParityModelSummary.Epoch(epoch: $0.epoch, trainELBO: $0.trainELBO)
        }
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let data = try encoder.encode(summary)
      print(String(decoding: data, as: UTF8.self))
    }
  }

  /// Writes synthetic faces as `<glasses>_<item>.png` files for train.py.
  struct Synthetic: ParsableCommand, ComputingCommand {
    static let configuration = CommandConfiguration(
      commandName: "synthetic", abstract: "Write synthetic faces as PNG files.")
    @Option(help: "The folder to write into (created when missing).") var out: String
    @Option(name: .short, help: "Number of faces.") var n: Int = 256
    @Option(help: "Image side.") var size: Int = 64
    @Option(help: "Image channels (1 or 3).") var channels: Int = 3
    @OptionGroup var seed: SeedOption

    func validate() throws {
      guard n > 0, size > 0, channels == 1 || channels == 3 else {
        throw ValidationError("need -n > 0, --size > 0 and --channels 1 or 3")
      }
    }

    func run() throws {
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      let faces = SyntheticFaces.dataset(
        count: n, width: size, height: size, channels: channels, seed: seed.value)
      for item in 0..<faces.count {
        let label = faces.labels[item] ?? 0
        try faces.image(item).writePNG(to: "\(out)/\(label)_\(item).png")
      }
      print("wrote \(faces.count) faces of \(size)×\(size)×\(channels) to \(out)")
    }
  }

  /// Loads an image folder as `latent train` does and writes what the model sees.
  struct Load: ParsableCommand, ComputingCommand {
    static let configuration = CommandConfiguration(
      commandName: "load", abstract: "Write a folder's preprocessed images, labels and paths.")
    @Option(help: "The image folder.") var data: String
    @Option(help: "Output columns.") var width: Int = 64
    @Option(help: "Output rows.") var height: Int = 64
    @Option(help: "Output channels (1 or 3).") var channels: Int = 3
    @Flag(help: "Scale each axis to the target instead of cover and centre crop.")
    var stretch = false
    @Option(help: "Where to write 'images' [N, C, H, W] and 'labels' [N] (−1 unlabelled).")
    var out: String

    func run() throws {
      let preprocessing = Preprocessing(
        width: width, height: height, channels: channels, fit: stretch ? .stretch : .cover)
      let faces = try FaceDataset.load(folder: data, preprocessing: preprocessing).dataset
      let tensors = [
        "images": StoredTensor(
          shape: [faces.count, channels, height, width], values: faces.images),
        "labels": StoredTensor(shape: [faces.count], integers: faces.labels.map { $0 ?? -1 }),
      ]
      let data = try JSONEncoder().encode(faces.paths)
      try SafeTensorsFile(
        tensors: tensors, metadata: ["paths": String(decoding: data, as: UTF8.self)], source: out
      ).write(to: out)
    }
  }
}

/// What `latent parity info` prints about a model file, as JSON.
private struct ParityModelSummary: Encodable {
  /// One epoch of the training record.
  struct Epoch: Encodable {
    var epoch: Int
    var trainELBO: Double

    enum CodingKeys: String, CodingKey {
      case epoch
      case trainELBO = "train_elbo"
    }
  }

  var name: String
  var latentDimensions: Int
  var parameters: Int
  var storedFaces: Int
  var labels: [Int]
  var attributes: [String]
  var hasKLPerDimension: Bool
  var data: String?
  var images: Int?
  var epochs: [Epoch]?

  enum CodingKeys: String, CodingKey {
    case name, parameters, labels, attributes, data, images, epochs
    case latentDimensions = "latent_dim"
    case storedFaces = "stored_faces"
    case hasKLPerDimension = "has_kl_per_dim"
  }
}
