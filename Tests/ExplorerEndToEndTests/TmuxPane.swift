import Foundation
import Testing

/// A detached tmux server and pane the tests type into and read back.
final class TmuxPane {
  let socket: String
  let columns: Int
  let rows: Int

  /// Starts a server on its own socket with one `columns × rows` pane running `sh`.
  init(columns: Int = 120, rows: Int = 40) throws {
    socket = "latent-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    self.columns = columns
    self.rows = rows
    // The server outlives this call and would hold an output pipe open: no pipes here.
    try tmux(
      detached: true,
      [
        "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)",
        "env PS1='PROMPT$ ' COLORTERM=truecolor sh",
      ])
  }

  deinit { _ = try? tmux(["kill-server"]) }

  /// Whether tmux is installed.
  static var isAvailable: Bool {
    (try? run("/usr/bin/env", ["tmux", "-V"])) != nil
  }

  /// Types `text` and presses Enter.
  func typeLine(_ text: String) throws {
    try tmux(["send-keys", "-t", "0", "-l", text])
    try tmux(["send-keys", "-t", "0", "Enter"])
  }

  /// Sends tmux key names (`q`, `Left`, `S-Right`).
  func press(_ keys: String...) throws {
    try tmux(["send-keys", "-t", "0"] + keys)
  }

  /// Clicks the left button at `column`, `row` (0-based): a press and a release as the X10
  /// mouse reports a terminal without SGR mode sends (ncurses reads them in tmux).
  func click(column: Int, row: Int) throws {
    func report(_ button: Int) -> String {
      "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button)))
        + String(UnicodeScalar(UInt8(33 + column))) + String(UnicodeScalar(UInt8(33 + row)))
    }
    try tmux(["send-keys", "-t", "0", "-l", report(0)])
    usleep(100_000)
    try tmux(["send-keys", "-t", "0", "-l", report(3)])
  }

  /// Resizes the window (and so the pane) to `columns × rows`.
  func resize(columns: Int, rows: Int) throws {
    try tmux(["resize-window", "-t", "0", "-x", "\(columns)", "-y", "\(rows)"])
  }

  /// The pane's text; with `escapes`, with its colours as SGR sequences.
  func capture(escapes: Bool = false) throws -> String {
    try tmux(["capture-pane", "-t", "0", "-p"] + (escapes ? ["-e"] : []))
  }

  /// The process the pane's shell runs in the foreground (its child), or nil when none.
  func commandProcessID() throws -> pid_t? {
    let shellText = try tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"])
    guard let shell = pid_t(shellText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      return nil
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { pid_t($0) }.first { pid in
      // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces, so after the last ')'.
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return false }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      return fields.count > 1 && pid_t(fields[1]) == shell
    }
  }

  /// Captures until `condition` holds or `seconds` pass; returns the last capture and whether
  /// the condition held.
  func waitFor(
    seconds: Double = 20, escapes: Bool = false, _ condition: (String) -> Bool
  ) throws -> (screen: String, ok: Bool) {
    let deadline = Date().addingTimeInterval(seconds)
    var screen = ""
    while Date() < deadline {
      screen = try capture(escapes: escapes)
      if condition(screen) { return (screen, true) }
      usleep(50_000)
    }
    return (screen, false)
  }

  /// Presses `key` (the explorer's quit) and expects the command to exit and the shell to
  /// show a fresh prompt within `seconds`: no child process, no explorer text, `PROMPT$`
  /// last. The line the command was typed on also holds `PROMPT$`, and it is back on the
  /// screen as soon as the explorer leaves the alternate screen, before the process has
  /// written its last files. A failure is recorded at the caller, with the screen.
  func quit(
    key: String = "q", seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    try press(key)
    let closed = try waitFor(seconds: seconds) { screen in
      let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      return !screen.contains("latent ·") && lines.last(where: { !$0.isEmpty }) == "PROMPT$"
        && (try? commandProcessID()) == .some(nil)
    }
    #expect(
      closed.ok, "\(key) did not give the shell back:\n\(closed.screen)",
      sourceLocation: sourceLocation)
  }

  @discardableResult
  private func tmux(detached: Bool = false, _ arguments: [String]) throws -> String {
    try Self.run(
      "/usr/bin/env", ["tmux", "-L", socket, "-f", "/dev/null"] + arguments, capture: !detached)
  }

  /// Runs a program and returns its standard output. Uses posix_spawn and waitpid rather
  /// than Foundation's Process, whose exit detection waits on a descriptor that the tmux
  /// server (a daemon the client forks) inherits and keeps open.
  @discardableResult
  static func run(_ executable: String, _ arguments: [String], capture: Bool = true) throws
    -> String
  {
    let outputPath =
      NSTemporaryDirectory() + "tmux-out-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, capture ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // Default signal handling and no blocked signals in the child: the test runner may ignore
    // SIGHUP, and a pane shell that inherited that would outlive kill-server.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    guard spawned == 0 else { throw TmuxError(message: "cannot start \(executable): \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exitCode = (status >> 8) & 0xFF
    guard status & 0x7F == 0, exitCode == 0 else {
      throw TmuxError(message: "\(arguments.joined(separator: " ")) exited with status \(status)")
    }
    guard capture else { return "" }
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  }
}

struct TmuxError: Error {
  var message: String
}
