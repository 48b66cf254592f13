import Foundation
import Glibc

/// A pseudo-terminal whose far end plays a terminal: it reads what the program writes and,
/// once it has seen the DA1 query, answers with canned replies (or never answers).
final class FakeTerminal: Sendable {
  /// The end the program under test uses, like its tty.
  let programSide: Int32
  /// The end the fake terminal uses.
  let terminalSide: Int32

  /// A new pty with a window of 100×40 cells, `pixelWidth × pixelHeight` pixels.
  init(pixelWidth: UInt16 = 0, pixelHeight: UInt16 = 0) throws {
    // posix_openpt and friends are hidden from Swift's Glibc module (they need
    // _XOPEN_SOURCE), so open /dev/ptmx and use the Linux ioctls they wrap.
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard master >= 0, ioctl(master, Self.unlockRequest, &unlock) == 0,
      ioctl(master, Self.numberRequest, &number) == 0
    else { throw FakeTerminalError.cannotOpen(errno) }
    let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
    guard slave >= 0 else { throw FakeTerminalError.cannotOpen(errno) }
    var size = winsize(ws_row: 40, ws_col: 100, ws_xpixel: pixelWidth, ws_ypixel: pixelHeight)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    programSide = slave
    terminalSide = master
  }

  /// TIOCSPTLCK, `_IOW('T', 0x31, int)`: locks or unlocks the pty's far end.
  private static let unlockRequest: UInt = 0x4004_5431
  /// TIOCGPTN, `_IOR('T', 0x30, unsigned int)`: the number of the pty's far end.
  private static let numberRequest: UInt = 0x8004_5430

  deinit {
    close(programSide)
    close(terminalSide)
  }

  /// Starts answering on a background thread: after the DA1 query (`ESC [ c`) arrives and
  /// `delay` has passed (a terminal slow to answer), writes `reply` (nil: stays silent).
  /// Signals `finished` when done.
  func answer(with reply: String?, after delay: Duration = .zero, finished: DispatchSemaphore) {
    let terminalSide = terminalSide
    Thread.detachNewThread {
      var seen: [UInt8] = []
      let sentinel = Array("\u{1B}[c".utf8)
      var buffer = [UInt8](repeating: 0, count: 512)
      while true {
        var request = pollfd(fd: terminalSide, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, 1000) > 0 else { break }
        let count = buffer.withUnsafeMutableBytes { read(terminalSide, $0.baseAddress, $0.count) }
        guard count > 0 else { break }
        seen.append(contentsOf: buffer[0..<count])
        if seen.count >= sentinel.count && Array(seen.suffix(sentinel.count)) == sentinel { break }
      }
      if let reply {
        if delay > .zero {
          let seconds = Double(delay.components.seconds)
          Thread.sleep(forTimeInterval: seconds + Double(delay.components.attoseconds) * 1e-18)
        }
        let bytes = Array(reply.utf8)
        _ = bytes.withUnsafeBytes { write(terminalSide, $0.baseAddress, $0.count) }
      }
      finished.signal()
    }
  }

  /// Bytes waiting on the program's side right now (should be none after a probe).
  func pendingInput() -> [UInt8] {
    var pending: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 256)
    // Non-canonical, non-blocking reads so partial lines show up too.
    var settings = termios()
    tcgetattr(programSide, &settings)
    var raw = settings
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    tcsetattr(programSide, TCSANOW, &raw)
    defer { tcsetattr(programSide, TCSANOW, &settings) }
    while true {
      var request = pollfd(fd: programSide, events: Int16(POLLIN), revents: 0)
      guard poll(&request, 1, 50) > 0 else { break }
      let count = buffer.withUnsafeMutableBytes { read(programSide, $0.baseAddress, $0.count) }
      guard count > 0 else { break }
      pending.append(contentsOf: buffer[0..<count])
    }
    return pending
  }

  /// Whether the program's side is in canonical (line) mode with echo, as a shell leaves it.
  var isCookedWithEcho: Bool {
    var settings = termios()
    tcgetattr(programSide, &settings)
    return settings.c_lflag & tcflag_t(ICANON) != 0 && settings.c_lflag & tcflag_t(ECHO) != 0
  }
}

/// A pty that could not be made.
enum FakeTerminalError: Error {
  case cannotOpen(Int32)
}
