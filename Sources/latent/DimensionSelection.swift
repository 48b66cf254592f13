import ArgumentParser
import FaceVAE
import LatentBasics

/// The `--dims` of `latent traverse`: the most active dimensions (`top8`) or a list (`3,7,9`,
/// or as the explorer names them, `z3,z7,z9`).
enum DimensionSelection: Hashable {
  case top(Int)
  case list([Int])

  /// Parses `top8`, `3,7,9` or `z3,z7,z9`; anything else is a usage error.
  init(argument text: String) throws {
    if text.hasPrefix("top") {
      guard let count = Int(text.dropFirst(3)), count >= 1 else {
        throw ValidationError("--dims: '\(text)' should be topN (top8) or a list (3,7,9)")
      }
      self = .top(count)
      return
    }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    let numbers = parts.map { part in
      let entry = part.trimmingWhitespace()
      return Int(entry.hasPrefix("z") ? entry.dropFirst() : entry[...])
    }
    guard !parts.isEmpty, numbers.allSatisfy({ ($0 ?? -1) >= 0 }) else {
      throw ValidationError("--dims: '\(text)' should be topN (top8) or a list (3,7,9)")
    }
    self = .list(numbers.compactMap { $0 })
  }

  /// The dimensions of `model` this names, in order; a list entry past the model's dimensions
  /// is a usage error.
  func dimensions(of model: FaceModel) throws -> [Int] {
    let d = model.vae.latentDimensions
    switch self {
    case .top(let count):
      return Array(model.dimensionsByKL.prefix(count))
    case .list(let dims):
      if let bad = dims.first(where: { $0 >= d }) {
        throw LatentError(
          .usage, "--dims: the model has \(d) latent dimensions (0-\(d - 1)), so there is no \(bad)"
        )
      }
      return dims
    }
  }
}
