import FaceData
import Foundation
import ImageIO

/// `../shared/datasets` beside the package, where the real face sets live (absent on a fresh
/// clone: tests that need them are skipped).
enum SharedDatasets {
  static let folder: String = {
    let testFile = URL(fileURLWithPath: #filePath)
    let package = testFile.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return package.deletingLastPathComponent().appendingPathComponent("shared/datasets").path
  }()

  static var available: Bool {
    FileManager.default.fileExists(atPath: folder + "/frey_faces")
  }

  static func path(_ name: String) -> String { folder + "/" + name }
}

/// A fresh temporary folder for one test; removed when released.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "latent-facedata-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func file(_ name: String) -> String { path + "/" + name }

  @discardableResult
  func write(_ bytes: [UInt8], to name: String) throws -> String {
    let target = file(name)
    try FileManager.default.createDirectory(
      atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: target))
    return target
  }

  @discardableResult
  func writePNG(_ image: Image, to name: String) throws -> String {
    try write(try image.encodePNG(), to: name)
  }
}

/// Where tests leave contact sheets for a person to look at.
enum SheetFolder {
  static let path: String = {
    let folder = NSTemporaryDirectory() + "latent-sheets"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }()
}

/// Seconds since an arbitrary start, for printing (never asserting) timings.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Processor seconds used by this process so far (all threads), for printing beside wall time:
/// the machine is shared, so wall time alone says little.
func processorSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
