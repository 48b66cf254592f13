import ArgumentParser
import CursesTerminal
import FaceData
import FaceVAE
import FoundationEssentials
import ImageIO
import TerminalGraphics
import Glibc

/// `latent explore`: the interactive explorer (sliders, interpolation, traversal, browsing,
/// export, background training).
struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "Browse a model's latent space in the terminal.",
    discussion: """
      Opens the model, one slider per latent dimension (most active first). Press ? inside \
      for every key; docs/explorer.md describes the modes.
      """)

  /// The model opened when none is given.
  static let defaultModel = "Models/faces64.safetensors"

  @Option(help: "The model file (default: \(defaultModel)).")
  var model: String?

  @Option(
    help: "Images for browsing and background training: a folder, or synthetic[:COUNT[:SEED]].")
  var data: String?

  @Option(help: "How faces are drawn: auto, kitty, sixel, truecolor, 256 or ascii.")
  var graphics: String = "auto"

  @Option(help: "Folder for exported PNG files.")
  var export: String = "latent-export"

  @Option(help: "Epochs per background training run (t).")
  var epochs: Int = 5

  @Option(help: "Images per training step.")
  var batchSize: Int = 32

  @Option(help: "Seed of the random faces (r): the first is latent sample --seed's face.")
  var seed: UInt64 = 1

  @Option(help: .hidden)
  var statistics: String?

  func run() throws {
    guard let mode = GraphicsMode(rawValue: graphics) else {
      fail("--graphics must be one of auto, kitty, sixel, truecolor, 256, ascii (not \(graphics))")
    }
    let path = model ?? Self.defaultModel
    guard FileManager.default.fileExists(atPath: path) else {
      if model == nil {
        fail(
          "no model: \(path) does not exist; pass --model FILE (make one with latent train)")
      }
      fail("\(path): no such file")
    }
    let faceModel: FaceModel
    do {
      faceModel = try FaceModel.load(from: path)
    } catch {
      fail(error.description)
    }
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      fail(
        "the explorer needs a terminal (standard input and output must be a TTY); "
          + "without one, try: latent sample --model \(path) -n 16 --out samples.png", code: 2)
    }
    var dataset: FaceDataset?
    if let data {
      let config = faceModel.config
      let preprocessing = Preprocessing(
        width: config.width, height: config.height, channels: config.channels)
      do {
        dataset = try FaceDataSource(argument: data).load(preprocessing: preprocessing).dataset
      } catch {
        fail("\(data): \(error)")
      }
      if dataset?.count == 0 { fail("\(data): no images") }
    }
    var settings = TrainingSettings()
    settings.epochs = max(1, epochs)
    settings.batchSize = max(1, batchSize)
    settings.optimizer.learningRate = 1e-3
    settings.threads = 1
    var options = ExplorerOptions(
      modelPath: path, model: faceModel, dataset: dataset, dataDescription: data, graphics: mode,
      exportFolder: export, training: settings, statisticsPath: statistics)
    options.randomSeed = seed
    let capabilities = TerminalProbe.probeControllingTerminal(
      environment: ProcessInfo.processInfo.environment)
    let explorer: Explorer
    do {
      explorer = try Explorer(options: options, capabilities: capabilities)
    } catch {
      fail("\(error)")
    }
    let status = explorer.run()
    if status != 0 { throw ExitCode(status) }
  }

  /// Prints `message` as one line on standard error and exits with `code`.
  private func fail(_ message: String, code: Int32 = 1) -> Never {
    StandardStream.error("latent explore: \(message)\n")
    Glibc.exit(code)
  }
}
