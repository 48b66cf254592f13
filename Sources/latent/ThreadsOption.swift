import ArgumentParser
import FoundationEssentials

/// `--threads`: how many CPU threads the work uses (1 to 256; default: every core).
struct ThreadsOption: ParsableArguments {
  @Option(name: .customLong("threads"), help: "CPU threads.")
  var count: Int = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard (1...256).contains(count) else { throw ValidationError("--threads must be 1 to 256") }
  }
}
