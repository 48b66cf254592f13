import Foundation
import Testing

/// Runs command-line tools that the Makefile installs (ImageMagick, libsixel-bin, a C
/// compiler), to check what the code writes with programs that are not ours.
public enum ExternalTool {
  /// Why a tool gave no result: it is not installed, or it failed (with what it printed).
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The full path of `name` on PATH, or nil.
  public static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `name` with `arguments` to the end; returns its standard output. Records a test
  /// failure that names the Debian `package` when the tool is missing, and throws when it
  /// exits with a status other than 0 (the error holds its standard error).
  @discardableResult
  public static func run(_ name: String, _ arguments: [String], package: String) throws -> Data {
    guard let executable = find(name) else {
      Issue.record("\(name) is missing: install the Debian package \(package) (make test does)")
      throw Failure(description: "\(name) is missing")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Standard error is read on a thread of its own, so that neither pipe fills up while
    // the other one is read.
    let errorText = ErrorText()
    let errorRead = DispatchSemaphore(value: 0)
    let errorHandle = errors.fileHandleForReading
    Thread {
      errorText.set(String(decoding: errorHandle.readDataToEndOfFile(), as: UTF8.self))
      errorRead.signal()
    }.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    errorRead.wait()
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: "\(name) \(arguments.joined(separator: " ")) exited with status "
          + "\(process.terminationStatus): \(errorText.get())")
    }
    return data
  }
}

/// A tool's standard error, handed from the thread that reads it.
private final class ErrorText: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""

  func set(_ value: String) {
    lock.lock()
    defer { lock.unlock() }
    text = value
  }

  func get() -> String {
    lock.lock()
    defer { lock.unlock() }
    return text
  }
}
