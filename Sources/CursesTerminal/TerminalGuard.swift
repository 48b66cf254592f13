import Synchronization
import Glibc

/// Set by SIGTERM, SIGINT and SIGHUP; the loop sees it on its next turn and exits cleanly.
let terminationRequested = Atomic<Int32>(0)

/// Terminal settings from before curses started, for the crash handler (written once,
/// before any handler is installed, then only read).
nonisolated(unsafe) private var savedSettings = termios()
nonisolated(unsafe) private var haveSavedSettings = false

/// What undoes the explorer's terminal modes: mouse off, synchronized output off, kitty
/// images deleted, colours reset, cursor shown, main screen back.
private let restoreBytes: [UInt8] = Array(
  ("\u{1B}[?1002l\u{1B}[?1000l\u{1B}[?1006l\u{1B}[?2026l\u{1B}_Ga=d,d=A,q=2\u{1B}\\"
    + "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n").utf8)

/// Puts the terminal back on every way out: a clean exit (``Curses/stop()``), a polite
/// signal (turned into a clean exit) and a crash signal (restored from the handler with
/// async-signal-safe calls only, then re-raised).
enum TerminalGuard {
  /// Saves the terminal settings and installs the handlers.
  static func install() {
    if tcgetattr(STDIN_FILENO, &savedSettings) == 0 { haveSavedSettings = true }
    for polite in [SIGTERM, SIGINT, SIGHUP] {
      signal(polite) { number in terminationRequested.store(number, ordering: .relaxed) }
    }
    for fatal in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      signal(fatal) { number in
        restoreBytes.withUnsafeBytes { buffer in
          _ = write(STDOUT_FILENO, buffer.baseAddress, buffer.count)
        }
        if haveSavedSettings { _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedSettings) }
        signal(number, SIG_DFL)
        raise(number)
      }
    }
  }

  /// The signal that asked the explorer to stop, if any.
  static var pendingTermination: Int32? {
    let value = terminationRequested.load(ordering: .relaxed)
    return value == 0 ? nil : value
  }
}
