import ArgumentParser
import FaceVAE
import ImageIO
import LatentBasics

/// A point in latent space named on the command line: a stored face (`#12`), a prior sample
/// (`seed:7`), the origin (`zero`), a code file the explorer exported (`face_001.json`,
/// ``LatentCodeFile``), or an image file encoded on the spot.
enum LatentPoint: Hashable {
  case storedFace(Int)
  case seed(UInt64)
  case zero
  case codeFile(String)
  case image(String)

  /// Parses `text`; malformed `#…` and `seed:…` forms are usage errors.
  init(argument text: String, option: String) throws {
    if text.hasPrefix("#") {
      guard let row = Int(text.dropFirst()), row >= 0 else {
        throw ValidationError("\(option): '\(text)' is not a stored face id (#0, #12, ...)")
      }
      self = .storedFace(row)
    } else if text.hasPrefix("seed:") {
      guard let seed = UInt64(text.dropFirst("seed:".count)) else {
        throw ValidationError("\(option): '\(text)' is not a seed (seed:7)")
      }
      self = .seed(seed)
    } else if text == "zero" {
      self = .zero
    } else if text.isEmpty {
      throw ValidationError("\(option) needs an image file, a code .json file, #ID, seed:S or zero")
    } else if text.lowercased().hasSuffix(".json") {
      self = .codeFile(text)
    } else {
      self = .image(text)
    }
  }

  /// The code of this point in `model` (loaded from `modelPath`).
  func code(in model: FaceModel, modelPath: String) throws -> [Float] {
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
      return [Float](repeating: 0, count: model.vae.latentDimensions)
    case .codeFile(let path):
      return try LatentCodeFile(path: path).code(
        dimensions: model.vae.latentDimensions, modelPath: modelPath, path: path)
    case .image(let path):
      return model.encode(image: try Image.read(path: path))
    }
  }
}
