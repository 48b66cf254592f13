import Foundation
import TestSupport
import Testing

/// One small model for the image-command tests, trained once per test run on synthetic faces
/// (16×16 RGB, 4 latents), and tools to look at what the commands write.
enum TestModel {
  /// The trained model file, or why training failed.
  static let trained: Result<String, TrainingFailed> = {
    do {
      let folder = try temporaryFolder()
      let path = folder.appendingPathComponent("small.safetensors").path
      let result = try LatentProcess.run([
        "train", "--data", "synthetic:200", "--size", "16", "--latent", "4", "--epochs", "2",
        "--batch", "32", "--threads", "1", "--out", path,
      ])
      guard result.status == 0 else { return .failure(TrainingFailed(message: result.error)) }
      return .success(path)
    } catch {
      return .failure(TrainingFailed(message: "\(error)"))
    }
  }()

  struct TrainingFailed: Error { var message: String }

  /// The model's path (the test fails when training did).
  static func path() throws -> String { try trained.get() }

  /// `identify -format "%n %w %h\n"` of a file: one line per frame.
  static func identify(_ path: String) throws -> [[Int]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/identify")
    process.arguments = ["-format", "%n %w %h\n", path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return [] }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map {
      $0.split(separator: " ").compactMap { Int($0) }
    }
  }

  /// The frame count and size ImageMagick reads from a file, once per frame.
  static func frames(_ count: Int, _ width: Int, _ height: Int) -> [[Int]] {
    Array(repeating: [count, width, height], count: count)
  }

  /// The sorted file names in a folder.
  static func files(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }
}
