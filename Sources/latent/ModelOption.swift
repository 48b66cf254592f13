import ArgumentParser
import FaceVAE

/// `--model FILE`, for the commands that need a model file.
struct ModelOption: ParsableArguments {
  /// The help of `--model`, the same for every command.
  static let help = ArgumentHelp("The model file (.safetensors).", valueName: "model")

  /// The model file, as named on the command line.
  @Option(name: .customLong("model"), help: ModelOption.help)
  var path: String

  /// The model in the file; a missing or broken file fails naming it.
  func load() throws -> FaceModel { try FaceModel.load(from: path) }
}
