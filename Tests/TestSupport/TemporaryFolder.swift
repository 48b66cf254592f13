import Foundation
import ImageIO

/// A fresh folder under the system's temporary folder, for one test's files; removed with
/// everything in it when the value is released (keep it in a `let` for as long as the test
/// uses its files).
public final class TemporaryFolder: Sendable {
  /// The folder's absolute path.
  public let path: String

  /// Creates an empty folder named `latent-tests-<UUID>`.
  public init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("latent-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// The folder as a file URL.
  public var url: URL { URL(fileURLWithPath: path) }

  /// The path of `name` (which may contain `/`) inside the folder; nothing is created.
  public func file(_ name: String) -> String { path + "/" + name }

  /// Writes `bytes` to `name` inside the folder, creating the folders `name` names;
  /// returns the file's path.
  @discardableResult
  public func write(_ bytes: some Sequence<UInt8>, to name: String) throws -> String {
    let target = file(name)
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: target).deletingLastPathComponent(),
      withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: target))
    return target
  }

  /// Writes `image` as a PNG file `name` inside the folder; returns the file's path.
  @discardableResult
  package func writePNG(_ image: Image, to name: String) throws -> String {
    try write(try image.encodePNG(), to: name)
  }
}
