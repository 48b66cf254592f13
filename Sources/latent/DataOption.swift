import ArgumentParser
import FaceData
import ImageIO

/// `--data`: a folder of face images, or faces latent draws itself.
struct DataOption: ParsableArguments {
  /// The help of `--data`, the same for every command.
  static let help = ArgumentHelp(
    "A folder of face images (searched recursively), or synthetic[:COUNT[:SEED]].",
    valueName: "data")

  /// The folder or `synthetic[:COUNT[:SEED]]`, as named on the command line.
  @Option(name: .customLong("data"), help: DataOption.help)
  var source: String

  /// The faces, resized and cropped as `preprocessing` says; an unreadable folder fails naming it.
  func load(_ preprocessing: Preprocessing) throws -> FaceFolderLoad {
    try FaceDataSource(argument: source).load(preprocessing: preprocessing)
  }
}
