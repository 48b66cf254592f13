import ArgumentParser
import FaceData
import FaceVAE
import FoundationEssentials
import LatentBasics

/// `--hold-out LIST`: a text file naming the images to hold out, one file name per line.
struct HeldOutListOption: ParsableArguments {
  @Option(
    name: .customLong("hold-out"),
    help: ArgumentHelp(
      "A text file of image file names, one per line: a folder holding any of them holds out exactly those instead of its --validation share.",
      valueName: "list"))
  var path: String?

  /// The file names listed (last path components), checked against `folders`: a name found in
  /// none of them is an error naming the list. Empty without --hold-out.
  func names(in folders: [FaceDataset]) throws -> Set<String> {
    guard let path else { return [] }
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw LatentError(.cannotOpen, path: path, "cannot read the file")
    }
    let names = text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
      let trimmed = line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace)
        .reversed()
      return trimmed.isEmpty ? nil : String(trimmed).split(separator: "/").last.map(String.init)
    }
    let present = Set(folders.flatMap { folder in folder.paths.indices.map(folder.fileName) })
    if let missing = names.first(where: { !present.contains($0) }) {
      throw LatentError(.data, path: path, "names \(missing), which no --data folder holds")
    }
    return Set(names)
  }

  /// The held-out files `record` names (``TrainingRecord/heldOutFiles``), unless --hold-out
  /// names others (then none): what a model held out stays held out by default.
  func recorded(by record: TrainingRecord?) -> Set<String> {
    path == nil ? Set(record?.heldOutFiles ?? []) : []
  }
}
