import Foundation
import Testing

/// The real face sets in `../shared/datasets` beside the package (absent on a fresh clone:
/// tests that read them are skipped, saying which set is missing).
public enum SharedDatasets {
  /// The absolute path of `../shared/datasets`.
  public static let folder: String =
    LatentBinary.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets")
    .path

  /// The path of `name` (a set's folder or a file) in ``folder``.
  public static func path(_ name: String) -> String { folder + "/" + name }

  /// Runs a test or suite only when every one of `names` is in ``folder``; otherwise skips
  /// it with a message naming the missing ones.
  public static func required(
    _ names: String..., sourceLocation: SourceLocation = #_sourceLocation
  ) -> ConditionTrait {
    let missing = names.filter { !FileManager.default.fileExists(atPath: path($0)) }
    return .enabled(
      if: missing.isEmpty,
      Comment(
        rawValue: "\(missing.map { "../shared/datasets/\($0)" }.joined(separator: ", ")) "
          + "absent beside the package: skipped"),
      sourceLocation: sourceLocation)
  }
}
