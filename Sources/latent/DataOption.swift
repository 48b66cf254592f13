import ArgumentParser
import FaceData
import ImageIO

/// `--data`: one or more folders of face images, or faces latent draws itself.
struct DataOption: ParsableArguments {
  /// The help of a single `--data`, the same for every command.
  static let help = ArgumentHelp(
    "A folder of face images (searched recursively), or synthetic[:COUNT[:SEED]].",
    valueName: "data")

  /// The folders or `synthetic[:COUNT[:SEED]]`, as named on the command line, in order.
  @Option(
    name: .customLong("data"),
    help: ArgumentHelp(
      "A folder of face images (searched recursively), or synthetic[:COUNT[:SEED]]. Repeat it to use several folders together; each folder keeps its own labels.",
      valueName: "data"))
  var sources: [String]

  /// The sources as one name for messages and the training record (`a + b`).
  var source: String { sources.joined(separator: " + ") }

  func validate() throws {
    guard !sources.isEmpty else { throw ValidationError("give at least one --data") }
  }

  /// Each source's faces, resized and cropped as `preprocessing` says, in the order given; an
  /// unreadable folder fails naming it.
  func loadEach(_ preprocessing: Preprocessing) throws -> [FaceFolderLoad] {
    try sources.map { try FaceDataSource(argument: $0).load(preprocessing: preprocessing) }
  }

  /// Every source's faces as one dataset (labels kept apart: see `FaceDataset(joining:)`).
  func load(_ preprocessing: Preprocessing) throws -> FaceFolderLoad {
    FaceFolderLoad(joining: try loadEach(preprocessing))
  }
}
