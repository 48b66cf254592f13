import Glibc

/// Standard output and standard error as file descriptors: whole byte strings written with
/// `write(2)`, retried until done, with no buffering to flush.
enum StandardStream {
  /// Writes `text` to standard error.
  static func error(_ text: String) {
    write(Array(text.utf8), to: STDERR_FILENO)
  }

  /// Writes `bytes` to standard output.
  static func output(_ bytes: [UInt8]) {
    write(bytes, to: STDOUT_FILENO)
  }

  private static func write(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(
          descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }  // a closed pipe: nothing more to do
        offset += written
      }
    }
  }
}
