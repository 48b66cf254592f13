import Foundation

/// Where tests leave contact sheets for a person to look at.
enum SheetFolder {
  static let path: String = {
    let folder = NSTemporaryDirectory() + "latent-sheets"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }()
}
