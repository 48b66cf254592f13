import Foundation
import Testing

/// Runs command-line tools that the Makefile installs (ImageMagick, libsixel-bin).
enum ExternalTool {
  /// The full path of `name` on PATH, or nil.
  static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `name` with `arguments`; returns its standard output. Records a test failure
  /// that names the Debian package when the tool is missing, and throws when it fails.
  @discardableResult
  static func run(_ name: String, _ arguments: [String], package: String) throws -> Data {
    guard let executable = find(name) else {
      Issue.record("\(name) is missing: install the Debian package \(package) (make test does)")
      throw ToolError.missing(name)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(
      decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ToolError.failed("\(name) \(arguments.joined(separator: " ")): \(errorText)")
    }
    return data
  }
}

/// Why an external tool gave no result.
enum ToolError: Error {
  case missing(String)
  case failed(String)
}

/// A fresh scratch directory under the system's temporary directory.
func scratchDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("latent-graphics-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
