import ImageIO
import LatentBasics

/// A point in latent space named in text: a stored face (`#12`), a prior sample (`seed:7`),
/// the origin (`zero`), a bookmark (`@mine`, ``Bookmarks``), one σ along a stored direction
/// (`sefa:3`, `pca:0`), a code file the explorer exported (`face_001.json`,
/// ``LatentCodeFile``), or an image file encoded on the spot.
///
/// The one parser of point names, for the command line and the explorer alike.
package enum LatentPoint: Hashable, Sendable {
  case storedFace(Int)
  case seed(UInt64)
  case zero
  case bookmark(String)
  /// Direction `index` of bank `bank`, times its scale.
  case direction(bank: String, index: Int)
  case codeFile(String)
  case image(String)

  /// The forms a point can take, for messages.
  package static let forms =
    "an image file, a code .json file, #ID, seed:S, @bookmark, pca:K, sefa:K or zero"

  /// Parses `text`.
  /// - Throws: a ``LatentError`` of kind `usage` for an empty text or a malformed `#…`,
  ///   `seed:…`, `@…` or `BANK:K`.
  package init(parsing text: String) throws(LatentError) {
    if text.hasPrefix("#") {
      guard let row = Int(text.dropFirst()), row >= 0 else {
        throw LatentError(.usage, "'\(text)' is not a stored face id (#0, #12, ...)")
      }
      self = .storedFace(row)
    } else if text.hasPrefix("seed:") {
      guard let seed = UInt64(text.dropFirst("seed:".count)) else {
        throw LatentError(.usage, "'\(text)' is not a seed (seed:7)")
      }
      self = .seed(seed)
    } else if text == "zero" {
      self = .zero
    } else if text.hasPrefix("@") {
      let name = String(text.dropFirst())
      guard Bookmarks.isValidName(name) else {
        throw LatentError(.usage, "'\(text)' is not a bookmark name (@mine: letters, digits, _, -)")
      }
      self = .bookmark(name)
    } else if text.isEmpty {
      throw LatentError(.usage, "needs \(Self.forms)")
    } else if let colon = text.firstIndex(of: ":"),
      DirectionBank.isValidName(String(text[..<colon]))
    {
      guard let index = Int(text[text.index(after: colon)...]), index >= 0 else {
        throw LatentError(
          .usage, "'\(text)' is not a direction (\(text[..<colon]):0, the bank's first)")
      }
      self = .direction(bank: String(text[..<colon]), index: index)
    } else if text.lowercased().hasSuffix(".json") {
      self = .codeFile(text)
    } else {
      self = .image(text)
    }
  }

  /// The code of this point in `model` (loaded from `modelPath`, beside which its bookmarks
  /// are), `[D]`.
  /// - Throws: a ``LatentError`` naming the file that lacks the point or cannot be read.
  package func code(in model: FaceModel, modelPath: String) throws(LatentError) -> [Float] {
    let dimensions = model.vae.latentDimensions
    switch self {
    case .storedFace(let row):
      guard row < model.storedFaces else {
        throw LatentError(
          .unsupported, path: modelPath,
          "has \(model.storedFaces) stored faces, so there is no #\(row)"
            + (model.storedFaces > 0 ? " (use #0 to #\(model.storedFaces - 1))" : ""))
      }
      return model.codes[row]
    case .seed(let seed):
      return model.priorCodes(count: 1, seed: seed)[0]
    case .zero:
      return [Float](repeating: 0, count: dimensions)
    case .bookmark(let name):
      let bookmarks = try Bookmarks.load(besideModel: modelPath, dimensions: dimensions)
      guard let code = bookmarks.code(named: name) else {
        let known = bookmarks.entries.map { "@" + $0.name }
        throw LatentError(
          .unsupported, path: Bookmarks.path(besideModel: modelPath),
          "has no bookmark '\(name)'"
            + (known.isEmpty ? " (it has none)" : " (it has \(known.joined(separator: ", ")))"))
      }
      return code
    case .direction(let name, let index):
      let axis = try model.directionAxis(bank: name, index: index, modelPath: modelPath)
      return axis.direction.map { $0 * axis.scale }
    case .codeFile(let path):
      return try LatentCodeFile(path: path).code(
        dimensions: dimensions, modelPath: modelPath, path: path)
    case .image(let path):
      return model.encode(image: try Image.read(path: path))
    }
  }
}
