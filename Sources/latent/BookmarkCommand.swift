import ArgumentParser
import FaceVAE
import LatentBasics

/// `latent bookmark`: named codes saved beside a model (`NAME.bookmarks.json`), usable as `@name`.
struct BookmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bookmark",
    abstract: "Save, list, remove and import named points (@name) beside a model.",
    discussion: """
      Bookmarks live in NAME.bookmarks.json beside the model NAME.safetensors (written \
      atomically; the model file is never touched). Every command that takes a point takes \
      @name.

      Examples:
        latent bookmark --model faces.safetensors add mine me.jpg
        latent bookmark --model faces.safetensors list
        latent encode --model faces.safetensors a.png b.png --json > codes.json
        latent bookmark --model faces.safetensors import codes.json
      """,
    subcommands: [Add.self, List.self, Remove.self, Import.self])

  /// `--model`, given before the subcommand (each subcommand reads it as its own).
  @OptionGroup var model: ModelOption

  /// Reads the bookmarks of `model` (none when it has no bookmark file yet).
  static func load(_ model: FaceModel, path: String) throws -> Bookmarks {
    try Bookmarks.load(besideModel: path, dimensions: model.vae.latentDimensions)
  }

  /// Writes `bookmarks` beside the model at `path`; returns the file's path.
  @discardableResult
  static func save(_ bookmarks: Bookmarks, besideModel path: String) throws -> String {
    let file = Bookmarks.path(besideModel: path)
    try bookmarks.write(to: file)
    return file
  }

  /// `latent bookmark add NAME POINT`.
  struct Add: ParsableCommand, ComputingCommand {
    static let configuration = CommandConfiguration(
      abstract: "Save the code of POINT as NAME.")

    @OptionGroup var model: ModelOption

    @Argument(help: "The bookmark's name (letters, digits, _ and -).")
    var name: String

    @Argument(help: "The point: \(LatentPoint.forms).")
    var point: String

    @Flag(help: "Replace a bookmark of the same name.")
    var replace = false

    func validate() throws {
      guard Bookmarks.isValidName(name) else {
        throw ValidationError("bookmark name '\(name)' should be letters, digits, _ and - only")
      }
      _ = try LatentPoint(argument: point, option: "POINT")
    }

    func run() throws {
      let face = try model.load()
      let code = try LatentPoint(argument: point, option: "POINT").code(
        in: face, modelPath: model.path)
      var bookmarks = try BookmarkCommand.load(face, path: model.path)
      try bookmarks.add(name, code: code, replacing: replace)
      let file = try BookmarkCommand.save(bookmarks, besideModel: model.path)
      print("@\(name) saved in \(file)")
    }
  }

  /// `latent bookmark list`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the bookmarks.")

    @OptionGroup var model: ModelOption

    func run() throws {
      let face = try model.load()
      let bookmarks = try BookmarkCommand.load(face, path: model.path)
      for entry in bookmarks.entries {
        let norm = entry.code.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        print("@\(entry.name)\t|z| = " + String(format: "%.3f", norm))
      }
      if bookmarks.entries.isEmpty {
        print("no bookmarks in \(Bookmarks.path(besideModel: model.path))")
      }
    }
  }

  /// `latent bookmark remove NAME`.
  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove the bookmark NAME.")

    @OptionGroup var model: ModelOption

    @Argument(help: "The bookmark's name.")
    var name: String

    func run() throws {
      let face = try model.load()
      var bookmarks = try BookmarkCommand.load(face, path: model.path)
      do {
        try bookmarks.remove(name)
      } catch {
        throw LatentError(
          error.kind, path: Bookmarks.path(besideModel: model.path), "has no bookmark '\(name)'")
      }
      let file = try BookmarkCommand.save(bookmarks, besideModel: model.path)
      print("@\(name) removed from \(file)")
    }
  }

  /// `latent bookmark import FILE`.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add the codes of `latent encode --json` output, named by their files.",
      discussion: """
        Each {"file": "me.jpg", "mu": [...]} becomes @me; a name already taken is an error \
        unless --replace.
        """)

    @OptionGroup var model: ModelOption

    @Argument(help: "A file of `latent encode --json` output.")
    var file: String

    @Flag(help: "Replace bookmarks of the same names.")
    var replace = false

    func run() throws {
      let face = try model.load()
      var bookmarks = try BookmarkCommand.load(face, path: model.path)
      let imported = try Bookmarks.encodedImages(path: file)
      for entry in imported {
        do {
          try bookmarks.add(entry.name, code: entry.code, replacing: replace)
        } catch {
          throw LatentError(.data, path: file, "\(error.problem) (file '\(entry.name)')")
        }
      }
      let written = try BookmarkCommand.save(bookmarks, besideModel: model.path)
      print(
        "imported \(imported.count) bookmarks (\(imported.map { "@" + $0.name }.joined(separator: ", "))) into \(written)"
      )
    }
  }
}
