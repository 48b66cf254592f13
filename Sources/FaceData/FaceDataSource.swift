import Dispatch
import ImageIO
import LatentBasics

/// Where training faces come from, as the command line names it (`--data DIR|synthetic`).
package enum FaceDataSource: Hashable, Sendable {
  /// A folder of PNG/JPEG files (see ``FaceDataset/load(folder:preprocessing:background:limits:)``).
  case folder(String)
  /// Faces the project draws itself (see ``SyntheticFaces``).
  case synthetic(count: Int, seed: UInt64)

  /// Faces drawn when the command line says just `synthetic`.
  package static let defaultSyntheticCount = 2000
  /// Seed used when the command line says just `synthetic`.
  package static let defaultSyntheticSeed: UInt64 = 1

  /// Reads `--data`: `synthetic`, `synthetic:COUNT` or `synthetic:COUNT:SEED` draw faces;
  /// anything else is a folder path.
  package init(argument: String) {
    let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.first == "synthetic", parts.count <= 3 else {
      self = .folder(argument)
      return
    }
    let count = parts.count > 1 ? Int(parts[1]) : Self.defaultSyntheticCount
    let seed = parts.count > 2 ? UInt64(parts[2]) : Self.defaultSyntheticSeed
    if let count, count > 0, let seed {
      self = .synthetic(count: count, seed: seed)
    } else {
      self = .folder(argument)
    }
  }

  /// The faces, at the size and channels of `preprocessing` (synthetic faces are drawn at that
  /// size directly; its fit does not apply to them).
  package func load(preprocessing: Preprocessing) throws(LatentError) -> FaceFolderLoad {
    switch self {
    case .folder(let path):
      return try FaceDataset.load(folder: path, preprocessing: preprocessing)
    case .synthetic(let count, let seed):
      let start = DispatchTime.now().uptimeNanoseconds
      let dataset = SyntheticFaces.dataset(
        count: count, width: preprocessing.width, height: preprocessing.height,
        channels: preprocessing.channels, seed: seed)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      return FaceFolderLoad(dataset: dataset, skipped: [], seconds: seconds)
    }
  }
}
