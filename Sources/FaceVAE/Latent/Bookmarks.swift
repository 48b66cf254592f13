import Glibc
import LatentBasics
import SafeTensors

/// Named codes saved beside a model, in `NAME.bookmarks.json` (never in the model file), so
/// that `@name` names a point on the command line and in the explorer:
///
/// ```json
/// {"format": "latent-bookmarks", "model": "faces64", "dimensions": 32,
///  "bookmarks": [{"name": "mine", "code": [0.5, -1.2, …]}]}
/// ```
///
/// Each `code` is `[dimensions]`, in code units (σ of the prior), as ``LatentCodeFile``'s.
package struct Bookmarks: Hashable, Sendable {
  /// The value of the `format` field.
  package static let format = "latent-bookmarks"
  /// The largest file read.
  package static let maximumBytes = 64 << 20

  /// One saved code.
  package struct Bookmark: Hashable, Sendable {
    /// Letters, digits, `_` and `-`.
    package var name: String
    /// `[D]`, code units.
    package var code: [Float]
  }

  /// The model's name (its file name without `.safetensors`).
  package var model: String
  /// Values per code, `D`.
  package let dimensions: Int
  /// The bookmarks in the order they were added.
  package private(set) var entries: [Bookmark] = []

  /// No bookmarks yet, for codes of `dimensions` values.
  package init(model: String, dimensions: Int) {
    self.model = model
    self.dimensions = dimensions
  }

  /// The bookmark file of the model at `modelPath`: `faces64.safetensors` →
  /// `faces64.bookmarks.json`, in the same folder.
  package static func path(besideModel modelPath: String) -> String {
    let stem =
      modelPath.hasSuffix(".safetensors")
      ? String(modelPath.dropLast(".safetensors".count)) : modelPath
    return stem + ".bookmarks.json"
  }

  /// The model name a bookmark file records: the model file's name without its folder and
  /// `.safetensors`.
  package static func modelName(of modelPath: String) -> String {
    let name = modelPath.split(separator: "/").last.map(String.init) ?? modelPath
    return name.hasSuffix(".safetensors") ? String(name.dropLast(".safetensors".count)) : name
  }

  /// Whether `name` can name a bookmark: letters, digits, `_` and `-`.
  package static func isValidName(_ name: String) -> Bool {
    !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
  }

  /// The bookmarks of the model at `modelPath` (with codes of `dimensions` values): none when
  /// its bookmark file does not exist yet.
  /// - Throws: a ``LatentError`` naming the bookmark file when it cannot be read, is not a
  ///   bookmark file, or holds codes of another length.
  package static func load(besideModel modelPath: String, dimensions: Int) throws(LatentError)
    -> Bookmarks
  {
    let path = path(besideModel: modelPath)
    guard access(path, F_OK) == 0 else {
      return Bookmarks(model: modelName(of: modelPath), dimensions: dimensions)
    }
    let bookmarks = try Bookmarks(path: path)
    guard bookmarks.dimensions == dimensions else {
      throw LatentError(
        .data, path: path,
        "holds codes of \(bookmarks.dimensions) dimensions, but \(modelPath) has \(dimensions)")
    }
    return bookmarks
  }

  /// The code saved as `name`, or nil.
  package func code(named name: String) -> [Float]? {
    entries.first { $0.name == name }?.code
  }

  /// Adds `code` as `name` (replacing a bookmark of that name when `replacing`).
  /// - Throws: a ``LatentError`` of kind `usage` for an invalid or taken name, or a code of
  ///   another length.
  package mutating func add(_ name: String, code: [Float], replacing: Bool = false)
    throws(LatentError)
  {
    guard Self.isValidName(name) else {
      throw LatentError(.usage, "bookmark name '\(name)' should be letters, digits, _ and - only")
    }
    guard code.count == dimensions else {
      throw LatentError(
        .usage, "a code of \(code.count) values cannot be a bookmark of \(dimensions) dimensions")
    }
    guard code.allSatisfy(\.isFinite) else {
      throw LatentError(.usage, "bookmark '\(name)' holds NaN or infinite values")
    }
    if let index = entries.firstIndex(where: { $0.name == name }) {
      guard replacing else {
        throw LatentError(.usage, "there is already a bookmark '\(name)'")
      }
      entries[index].code = code
    } else {
      entries.append(Bookmark(name: name, code: code))
    }
  }

  /// Removes the bookmark `name`.
  /// - Throws: a ``LatentError`` of kind `usage` when there is none.
  package mutating func remove(_ name: String) throws(LatentError) {
    guard let index = entries.firstIndex(where: { $0.name == name }) else {
      throw LatentError(.usage, "there is no bookmark '\(name)'")
    }
    entries.remove(at: index)
  }

  /// The file's text: one JSON object, a bookmark per line, each number as Swift prints it.
  package var json: String {
    let lines = entries.map { entry in
      let numbers = entry.code.map { "\($0)" }.joined(separator: ", ")
      return "  {\"name\": \(SafeTensorsFile.jsonString(entry.name)), \"code\": [\(numbers)]}"
    }
    return "{\"format\": \"\(Self.format)\", \"model\": \(SafeTensorsFile.jsonString(model)), "
      + "\"dimensions\": \(dimensions), \"bookmarks\": [\n" + lines.joined(separator: ",\n")
      + "\n]}\n"
  }

  /// Writes ``json`` to `path` atomically.
  package func write(to path: String) throws(LatentError) {
    try POSIXFile.writeAtomically(Array(json.utf8), to: path)
  }

  /// Reads the bookmark file at `path`.
  package init(path: String) throws(LatentError) {
    let bytes = try POSIXFile.readAll(path, maximumBytes: Self.maximumBytes)
    let fields = try SidecarJSON.taggedObject(
      bytes, path: path, kind: "a bookmark file", format: Self.format)
    guard case .number(let dimensionText) = fields["dimensions"],
      let dimensions = Int(dimensionText),
      dimensions > 0
    else {
      throw LatentError(.data, path: path, "\"dimensions\" must be a positive whole number")
    }
    guard case .string(let model) = fields["model"] ?? .string("") else {
      throw LatentError(.data, path: path, "\"model\" must be a string")
    }
    guard case .array(let items) = fields["bookmarks"] else {
      throw LatentError(.data, path: path, "\"bookmarks\" must be an array")
    }
    self.init(model: model, dimensions: dimensions)
    for (index, item) in items.enumerated() {
      guard case .object(let entry) = item, case .string(let name) = entry["name"],
        case .array(let numbers) = entry["code"]
      else {
        throw LatentError(
          .data, path: path, "bookmark \(index) must be {\"name\": \"…\", \"code\": [numbers]}")
      }
      let code = try Self.numbers(numbers, path: path, what: "bookmark '\(name)'")
      do {
        try add(name, code: code)
      } catch {
        throw LatentError(.data, path: path, error.problem)
      }
    }
  }

  /// The finite 32-bit numbers of a JSON array; `what` names it in errors about `path`.
  package static func numbers(_ items: [HeaderJSON], path: String, what: String)
    throws(LatentError) -> [Float]
  {
    var values: [Float] = []
    values.reserveCapacity(items.count)
    for item in items {
      guard case .number(let text) = item, let number = Float(text), number.isFinite else {
        throw LatentError(
          .data, path: path, "\(what) holds \(item.kindDescription), not a finite 32-bit number")
      }
      values.append(number)
    }
    return values
  }

  /// The codes of `latent encode --json` output (`[{"file": "me.jpg", "mu": [...]}, …]`),
  /// each named by its file's name without folder and extension.
  /// - Throws: a ``LatentError`` naming `path` when it is not such a list.
  package static func encodedImages(path: String) throws(LatentError) -> [Bookmark] {
    let bytes = try POSIXFile.readAll(path, maximumBytes: maximumBytes)
    let value = try SidecarJSON.parse(bytes, path: path, kind: "`latent encode --json` output")
    guard case .array(let items) = value else {
      throw LatentError(
        .data, path: path, "not `latent encode --json` output (an array of {\"file\", \"mu\"})")
    }
    var result: [Bookmark] = []
    for (index, item) in items.enumerated() {
      guard case .object(let entry) = item, case .string(let file) = entry["file"],
        case .array(let values) = entry["mu"]
      else {
        throw LatentError(
          .data, path: path, "entry \(index) must be {\"file\": \"…\", \"mu\": [numbers]}")
      }
      var name = file.split(separator: "/").last.map(String.init) ?? file
      if let dot = name.lastIndex(of: "."), dot != name.startIndex {
        name = String(name[..<dot])
      }
      result.append(
        Bookmark(name: name, code: try numbers(values, path: path, what: "entry '\(file)'")))
    }
    return result
  }
}
