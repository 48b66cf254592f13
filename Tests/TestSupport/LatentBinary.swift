import Foundation
import Testing

/// The `latent` executable of this test run's build: the one in the same products folder as
/// the test bundle (`.build/<triple>/<configuration>/`), debug or release alike, found beside
/// the running test executable rather than by a fixed path.
public enum LatentBinary {
  /// The products folder of this test run: the folder of the running test executable.
  public static let productsFolder: URL = {
    // /proc/self/exe is the xctest runner itself; argv[0] may be relative or a wrapper.
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
    // A test bundle (macOS) sits in the products folder as `latentPackageTests.xctest/…`.
    while folder.pathComponents.count > 1, folder.path.contains(".xctest") {
      folder.deleteLastPathComponent()
    }
    return folder
  }()

  /// The path of `latent` in ``productsFolder``.
  public static var path: String { productsFolder.appendingPathComponent("latent").path }

  /// The path of the binary; a test failure naming what to run when it is missing.
  public static func located() throws -> String {
    guard FileManager.default.isExecutableFile(atPath: path) else {
      Issue.record(
        "no latent binary at \(path): build it first with `swift build --product latent` and the same -c as the tests, or run `make test`"
      )
      throw Missing(path: path)
    }
    return path
  }

  /// The binary is not where the test run's products are.
  public struct Missing: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "no latent binary at \(path)" }
  }

  /// The package's root folder (tests run `latent` from there, so `Models/…` resolves).
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
