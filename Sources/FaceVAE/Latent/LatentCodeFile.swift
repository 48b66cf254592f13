import LatentBasics
import SafeTensors

/// A face's latent code as a small JSON file, written beside each PNG the explorer exports
/// (`face_001.png` → `face_001.json`) so the face can be made again:
///
/// ```json
/// {"format": "latent-code", "model": "faces64", "dimensions": 32, "code": [0.5, -1.2, …]}
/// ```
///
/// `code` is the code decoded for the face (`[dimensions]`, in σ of the prior, attribute
/// sliders included); `model` names the model it was made with.
package struct LatentCodeFile: Hashable, Sendable {
  /// The value of the `format` field.
  package static let format = "latent-code"
  /// The largest file read (a code of 100 000 dimensions fits).
  package static let maximumBytes = 4 << 20

  /// The model's name (its file name without `.safetensors`).
  package var model: String
  /// The code, `[D]`, σ.
  package var code: [Float]

  package init(model: String, code: [Float]) {
    self.model = model
    self.code = code
  }

  /// The file's text: one JSON object, each number as Swift prints it (it reads back exactly).
  package var json: String {
    let numbers = code.map { $0.isFinite ? "\($0)" : "0" }.joined(separator: ", ")
    return "{\"format\": \"\(Self.format)\", \"model\": \(SafeTensorsFile.jsonString(model)), "
      + "\"dimensions\": \(code.count), \"code\": [\(numbers)]}\n"
  }

  /// The code, checked to fit a model of `dimensions` latent dimensions loaded from `modelPath`
  /// and, when `modelName` is given, to come from that model: the same name, or one of the
  /// files kept beside it (`faces64` and `faces64.1` fit each other).
  /// - Parameter path: the code file's path, named in the error.
  /// - Throws: a ``LatentError`` naming `path` when the code does not fit.
  package func code(
    dimensions: Int, modelPath: String, modelName: String? = nil, path: String
  ) throws(LatentError) -> [Float] {
    if let modelName, !model.isEmpty, Self.family(model) != Self.family(modelName) {
      throw LatentError(
        .data, path: path,
        "holds a code of the model '\(model)', but \(modelPath) is '\(modelName)'")
    }
    guard code.count == dimensions else {
      throw LatentError(
        .data, path: path,
        "holds a code of \(code.count) dimensions, but \(modelPath) has \(dimensions)")
    }
    return code
  }

  /// A model name without the `.N` that weights kept beside a model add (`faces64.2` →
  /// `faces64`).
  static func family(_ name: String) -> Substring {
    guard let dot = name.lastIndex(of: "."), name.index(after: dot) != name.endIndex,
      name[name.index(after: dot)...].allSatisfy({ ("0"..."9").contains($0) })
    else { return Substring(name) }
    return name[..<dot]
  }

  /// Writes ``json`` to `path` (atomically).
  package func write(to path: String) throws(LatentError) {
    try POSIXFile.writeAtomically(Array(json.utf8), to: path)
  }

  /// Reads the code file at `path`.
  /// - Throws: a ``LatentError`` naming `path` when it cannot be read or is not a code file.
  package init(path: String) throws(LatentError) {
    let bytes = try POSIXFile.readAll(path, maximumBytes: Self.maximumBytes)
    try self.init(bytes: bytes, path: path)
  }

  /// Parses the text of a code file; `path` names it in errors.
  package init(bytes: [UInt8], path: String) throws(LatentError) {
    let fields = try SidecarJSON.taggedObject(
      bytes, path: path, kind: "a code file", format: Self.format)
    guard case .array(let items) = fields["code"] else {
      throw LatentError(.data, path: path, "\"code\" must be an array of numbers")
    }
    var code: [Float] = []
    for item in items {
      guard case .number(let text) = item else {
        throw LatentError(.data, path: path, "\"code\" holds \(item.kindDescription), not a number")
      }
      guard let number = Float(text), number.isFinite else {
        throw LatentError(.data, path: path, "\"code\" holds \(text), not a finite 32-bit number")
      }
      code.append(number)
    }
    if let dimensions = fields["dimensions"], dimensions != .number(String(code.count)) {
      throw LatentError(
        .data, path: path, "\"dimensions\" does not match the \(code.count) numbers of \"code\"")
    }
    guard case .string(let model) = fields["model"] ?? .string("") else {
      throw LatentError(.data, path: path, "\"model\" must be a string")
    }
    self.init(model: model, code: code)
  }
}
