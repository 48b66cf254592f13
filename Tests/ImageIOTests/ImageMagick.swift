import Foundation
import Testing

/// Runs ImageMagick's tools (Debian `imagemagick`, installed by `make test`) on files the
/// tests write, to check them with a decoder that is not ours.
enum ImageMagick {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The standard output of `tool arguments…`; records an issue naming the package when the
  /// tool is missing.
  static func run(_ tool: String, _ arguments: [String]) throws -> Data {
    let executable = "/usr/bin/\(tool)"
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      Issue.record("\(tool) is missing: install the Debian package imagemagick (make test does)")
      throw Failure(description: "\(tool) missing")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed")
    }
    return data
  }

  /// `identify -format "%n %w %h %T\n"` of every frame: count, width, height, delay.
  static func frames(of path: String) throws -> [[Int]] {
    let text = String(decoding: try run("identify", ["-format", "%n %w %h %T\n", path]), as: UTF8.self)
    return text.split(separator: "\n").map { $0.split(separator: " ").compactMap { Int($0) } }
  }

  /// Frame `index` of a GIF as 8-bit RGB bytes, row-major.
  static func rgb(of path: String, frame index: Int) throws -> [UInt8] {
    [UInt8](try run("convert", ["\(path)[\(index)]", "-depth", "8", "rgb:-"]))
  }
}
