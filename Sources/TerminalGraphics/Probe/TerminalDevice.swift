#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A thin wrapper over the termios, poll, read, write and ioctl calls the probe needs,
/// on one file descriptor that it does not own.
struct TerminalDevice {
  /// The descriptor (read and write).
  let fileDescriptor: Int32

  /// Whether the descriptor is a terminal.
  var isTerminal: Bool { isatty(fileDescriptor) == 1 }

  /// Turns off line buffering and echo; returns the settings to restore, or nil if the
  /// descriptor's settings cannot be read or changed.
  func enterRawMode() -> termios? {
    var saved = termios()
    guard tcgetattr(fileDescriptor, &saved) == 0 else { return nil }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    withUnsafeMutableBytes(of: &raw.c_cc) { controlCharacters in
      controlCharacters[Int(VMIN)] = 0
      controlCharacters[Int(VTIME)] = 0
    }
    guard tcsetattr(fileDescriptor, TCSANOW, &raw) == 0 else { return nil }
    return saved
  }

  /// Puts back settings saved by ``enterRawMode()``.
  func restore(_ saved: termios) {
    var settings = saved
    _ = tcsetattr(fileDescriptor, TCSANOW, &settings)
  }

  /// Drops input the terminal has sent that nobody has read (`tcflush`).
  func discardPendingInput() {
    _ = tcflush(fileDescriptor, TCIFLUSH)
  }

  /// Writes all of `bytes`; false on an error.
  func writeAll(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(
          fileDescriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written < 0 {
          if errno == EINTR || errno == EAGAIN { continue }
          return false
        }
        offset += written
      }
      return true
    }
  }

  /// Waits up to `milliseconds` for input and returns what is there: empty when a
  /// signal interrupted the wait, nil on timeout, error or end of file.
  func read(waitingAtMost milliseconds: Int) -> [UInt8]? {
    var request = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
    let ready = poll(&request, 1, Int32(max(milliseconds, 0)))
    if ready < 0 && errno == EINTR { return [] }
    guard ready > 0, request.revents & Int16(POLLIN) != 0 else { return nil }
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = buffer.withUnsafeMutableBytes {
      Glibc.read(fileDescriptor, $0.baseAddress, $0.count)
    }
    guard count > 0 else { return nil }
    return Array(buffer[0..<count])
  }

  /// The window size in cells and pixels (TIOCGWINSZ), or nil.
  func windowSize() -> (columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int)? {
    var size = winsize()
    guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
    return (Int(size.ws_col), Int(size.ws_row), Int(size.ws_xpixel), Int(size.ws_ypixel))
  }
}
