import ArgumentParser
import CursesTerminal
import FaceData
import FaceVAE
import FoundationEssentials
import ImageIO
import LatentBasics
import TerminalGraphics
import Glibc
import NeuralCore

/// `latent explore`: the interactive explorer (sliders, interpolation, traversal, browsing,
/// export, background training).
struct ExploreCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "Browse a model's latent space in the terminal.",
    discussion: """
      Opens the model, one slider per latent dimension (most active first). Press ? inside \
      for every key; docs/explorer.md describes the modes. Without --model it opens \(defaultModel).
      """)

  /// The model opened when none is given.
  static let defaultModel = "Models/faces64.safetensors"

  @OptionGroup var model: OptionalModelOption

  /// Images for browsing and background training.
  @OptionGroup var data: OptionalDataOption

  @OptionGroup var graphics: GraphicsOption

  @Option(help: "Folder for exported PNG files.")
  var export: String = "latent-export"

  @Option(
    help: ArgumentHelp(
      "Start with the sliders at this code file (face_001.json, written beside an export).",
      valueName: "file"))
  var code: String?

  @Option(help: "Epochs per background training run (t).")
  var epochs: Int = 5

  @Option(help: "Images per training step.")
  var batchSize: Int = 32

  /// The random faces (`r`) of this seed: the first is `latent sample --seed`'s face.
  @OptionGroup var seed: SeedOption

  @Option(help: .hidden)
  var statistics: String?

  func validate() throws {
    try ImageOutput.checkFolder(export, option: "--export")
    if code?.isEmpty == true { throw ValidationError("--code needs a code file (face_001.json)") }
  }

  func run() throws {
    let path = model.path ?? Self.defaultModel
    guard FileManager.default.fileExists(atPath: path) else {
      if model.path == nil {
        throw LatentError(
          .cannotOpen,
          "no model: \(path) does not exist; pass --model FILE (make one with latent train)")
      }
      throw LatentError(.cannotOpen, path: path, "no such file")
    }
    let destination = SaveDestination(path)
    let faceModel = try FaceModel.load(from: path)
    let startingCode = try code.map { file in
      try LatentCodeFile(path: file).code(
        dimensions: faceModel.vae.latentDimensions, modelPath: path,
        modelName: ExplorerOptions.modelName(of: path), path: file)
    }
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw LatentError(
        .usage,
        "the explorer needs a terminal (standard input and output must be a TTY); "
          + "without one, try: latent sample --model \(path) -n 16 --out samples.png")
    }
    var dataset: FaceDataset?
    if let data = data.source {
      let config = faceModel.config
      let preprocessing = Preprocessing(
        width: config.width, height: config.height, channels: config.channels)
      dataset = try FaceDataSource(argument: data).load(preprocessing: preprocessing).dataset
      if dataset?.count == 0 { throw LatentError(.data, path: data, "no images") }
    }
    var note: String?
    if faceModel.klPerDimension == nil, let dataset, let source = data.source {
      // An imported model has no statistics: rank the sliders by KL on the user's images.
      faceModel.storeStatistics(of: dataset, batchSize: 32)
      note =
        "\(path) has no KL per dimension: sliders ranked by KL on the \(dataset.count) images of \(source)"
    } else if faceModel.klPerDimension == nil {
      note = "\(path) has no KL per dimension: sliders in index order (--data ranks them)"
    }
    var settings = TrainingSettings()
    settings.epochs = max(1, epochs)
    settings.batchSize = max(1, batchSize)
    settings.optimizer.learningRate = 1e-3
    settings.threads = 1
    var options = ExplorerOptions(
      modelPath: path, model: faceModel, dataset: dataset, dataDescription: data.source,
      graphics: graphics.mode,
      exportFolder: export, training: settings, statisticsPath: statistics)
    options.randomSeed = seed.value
    options.startupNote = note
    options.modelDestination = destination
    if let dataset, let source = data.source {
      options.startupWarning = faceModel.dataFit(dataset).warning(data: source)
    }
    if let startingCode, let code { options.startingCode = (startingCode, code) }
    let capabilities = TerminalProbe.probeControllingTerminal(
      environment: ProcessInfo.processInfo.environment)
    let explorer = try Explorer(options: options, capabilities: capabilities)
    let status = explorer.run()
    if status != 0 { throw ExitCode(status) }
  }
}
