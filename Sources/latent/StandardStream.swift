import LatentBasics
import Glibc

/// Standard output and standard error as file descriptors: whole byte strings written with
/// `write(2)` (``POSIXFile/writeAll(_:to:)``), with no buffering to flush.
enum StandardStream {
  /// Writes `text` to standard error.
  static func error(_ text: String) {
    POSIXFile.writeAll(Array(text.utf8), to: STDERR_FILENO)
  }

  /// Writes `bytes` to standard output.
  static func output(_ bytes: [UInt8]) {
    POSIXFile.writeAll(bytes, to: STDOUT_FILENO)
  }
}
