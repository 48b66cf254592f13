import ArgumentParser
import FaceVAE
import LatentBasics

/// The `--direction` of `latent traverse`: stored directions and attributes to walk along,
/// `sefa:0-7`, `pca:0,2,5`, `smile`, or a mixture (`pca:0-2,smile`).
struct DirectionChoice: Hashable {
  /// One entry of the list.
  enum Entry: Hashable {
    /// Directions `indices` of bank `bank`.
    case bank(String, indices: [Int])
    /// The attribute `name`.
    case attribute(String)
  }

  /// The entries in order.
  let entries: [Entry]

  /// Parses the list; a malformed entry is a usage error.
  init(argument text: String) throws {
    var entries: [Entry] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let item = String(part.trimmingWhitespace())
      if let colon = item.firstIndex(of: ":") {
        let bank = String(item[..<colon])
        guard DirectionBank.isValidName(bank),
          let indices = Self.indices(item[item.index(after: colon)...])
        else { throw Self.malformed(text) }
        entries.append(.bank(bank, indices: indices))
      } else if let indices = Self.indices(item[...]) {
        // `pca:0,2`: a bare index continues the bank before it.
        guard case .bank(let bank, let before) = entries.last else { throw Self.malformed(text) }
        entries[entries.count - 1] = .bank(bank, indices: before + indices)
      } else if Bookmarks.isValidName(item) {
        entries.append(.attribute(item))
      } else {
        throw Self.malformed(text)
      }
    }
    self.entries = entries
  }

  /// `K` or `K-L` (inclusive), or nil.
  private static func indices(_ text: Substring) -> [Int]? {
    let ends = text.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...2).contains(ends.count), let first = Int(ends[0]), first >= 0,
      let last = ends.count == 2 ? Int(ends[1]) : first, last >= first
    else { return nil }
    return Array(first...last)
  }

  private static func malformed(_ text: String) -> ValidationError {
    ValidationError(
      "--direction: '\(text)' should list directions (sefa:0-7, pca:0,2,5) or attributes (smile)")
  }

  /// The axes these entries name in `model` (loaded from `modelPath`), with their captions.
  func axes(of model: FaceModel, modelPath: String) throws -> [(
    caption: String, axis: FaceModel.Axis
  )] {
    var axes: [(caption: String, axis: FaceModel.Axis)] = []
    for entry in entries {
      switch entry {
      case .bank(let name, let indices):
        for index in indices {
          axes.append(
            (
              "\(name)\(index)",
              try model.directionAxis(bank: name, index: index, modelPath: modelPath)
            ))
        }
      case .attribute(let name):
        axes.append((name, try model.attributeAxis(named: name, modelPath: modelPath)))
      }
    }
    return axes
  }
}
