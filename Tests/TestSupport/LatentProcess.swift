import Foundation

/// Runs the `latent` binary of this test run (``LatentBinary``), as a user would, and
/// collects what it printed.
public enum LatentProcess {
  /// How a run ended and what it printed.
  public struct Result {
    /// The exit status.
    public var status: Int32
    /// Standard output.
    public var output: String
    /// Standard error.
    public var error: String
  }

  /// Runs `latent arguments…` to the end, with `environment` added and nothing on standard
  /// input (not a terminal); SIGINT is sent `interrupts` times (0.1 s apart) once standard
  /// error contains `marker`, and every half millisecond until the process ends once it
  /// contains `floodMarker`.
  public static func run(
    _ arguments: [String], interruptWhen marker: String? = nil, interrupts: Int = 1,
    floodInterruptsWhen floodMarker: String? = nil, environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.executableURL = URL(fileURLWithPath: try LatentBinary.located())
    process.arguments = arguments
    process.currentDirectoryURL = LatentBinary.packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    let collected = ErrorCollector()
    // Standard error is read to its end on a thread of its own (so a SIGINT can follow a
    // marker while the process runs); the result waits for that end, so no chunk is missed.
    let errorRead = DispatchSemaphore(value: 0)
    let errorHandle = err.fileHandleForReading
    try process.run()
    Thread {
      while true {
        let chunk = errorHandle.availableData
        if chunk.isEmpty { break }
        if collected.append(chunk, marker: marker) {
          for index in 0..<interrupts {
            if index > 0 { Thread.sleep(forTimeInterval: 0.1) }
            process.interrupt()
          }
        }
        if collected.append(Data(), marker: floodMarker, second: true) {
          // On a thread of its own, so standard error is still read (a full pipe would
          // block the process's writes).
          Thread {
            while process.isRunning {
              kill(process.processIdentifier, SIGINT)
              Thread.sleep(forTimeInterval: 0.0005)
            }
          }.start()
        }
      }
      errorRead.signal()
    }.start()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    errorRead.wait()
    return Result(
      status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
      error: collected.text)
  }
}

/// Standard error as it arrives, shared with the pipe's handler thread.
private final class ErrorCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private var fired = false
  private var secondFired = false

  /// Appends `chunk`; true the first time `marker` appears (for the `second` marker, the
  /// first time that one appears).
  @discardableResult
  func append(_ chunk: Data, marker: String?, second: Bool = false) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    data.append(chunk)
    guard let marker, !(second ? secondFired : fired),
      String(decoding: data, as: UTF8.self).contains(marker)
    else { return false }
    if second { secondFired = true } else { fired = true }
    return true
  }

  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: data, as: UTF8.self)
  }
}
