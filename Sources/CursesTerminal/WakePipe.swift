import Glibc

/// A pipe other threads write a byte into to wake the screen loop from `poll`.
final class WakePipe: Sendable {
  let readEnd: Int32
  let writeEnd: Int32

  init?() {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return nil }
    readEnd = ends[0]
    writeEnd = ends[1]
    for end in ends {
      _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
    }
  }

  deinit {
    close(readEnd)
    close(writeEnd)
  }

  /// Wakes the loop (never blocks; a full pipe already means "wake").
  func wake() {
    var byte: UInt8 = 1
    _ = write(writeEnd, &byte, 1)
  }

  /// Empties the pipe.
  func drain() {
    var buffer = [UInt8](repeating: 0, count: 64)
    while buffer.withUnsafeMutableBytes({ read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
  }

  /// Waits until the terminal has input, the pipe was written, or `milliseconds` passed.
  func wait(terminal: Int32, milliseconds: Int) {
    var fds = [
      pollfd(fd: terminal, events: Int16(POLLIN), revents: 0),
      pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0),
    ]
    _ = poll(&fds, 2, Int32(milliseconds))
  }

  /// Waits until the pipe was written or `milliseconds` passed; terminal input does not end
  /// the wait (poll skips a negative descriptor).
  func wait(milliseconds: Int) { wait(terminal: -1, milliseconds: milliseconds) }
}
