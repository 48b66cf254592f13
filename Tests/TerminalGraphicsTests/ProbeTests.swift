import Foundation
import TerminalGraphics
import Testing

@Suite("Probing a fake terminal on a pty", .serialized)
struct ProbeTests {
  /// Runs the probe against a fake terminal that answers `reply`, returning the result
  /// and the time it took.
  private func probe(
    reply: String?, after delay: Duration = .zero, environment: [String: String],
    pixelWidth: UInt16 = 0, pixelHeight: UInt16 = 0
  ) throws -> (TerminalCapabilities, Duration, FakeTerminal) {
    let terminal = try FakeTerminal(pixelWidth: pixelWidth, pixelHeight: pixelHeight)
    let finished = DispatchSemaphore(value: 0)
    terminal.answer(with: reply, after: delay, finished: finished)
    let clock = ContinuousClock()
    let start = clock.now
    let capabilities = TerminalProbe.probe(
      fileDescriptor: terminal.programSide, environment: environment)
    let elapsed = clock.now - start
    finished.wait()
    return (capabilities, elapsed, terminal)
  }

  @Test("Like xterm -ti vt340: sixel, 256 registers, cell size from TIOCGWINSZ, no stray bytes")
  func xtermVT340() throws {
    let (capabilities, _, terminal) = try probe(
      reply: RecordedReplies.xtermVT340, environment: ["TERM": "xterm"], pixelWidth: 604,
      pixelHeight: 524)
    #expect(capabilities.choose().mode == .sixel)
    #expect(capabilities.sixelPaletteSize == 256)
    #expect(capabilities.cellPixelSize == CellPixelSize(width: 6, height: 13))
    #expect(terminal.pendingInput().isEmpty)
    #expect(terminal.isCookedWithEcho)
  }

  @Test("Like kitty: kitty graphics, cell size from CSI 16 t")
  func kitty() throws {
    let (capabilities, _, terminal) = try probe(
      reply: RecordedReplies.kitty, environment: ["TERM": "xterm-kitty", "COLORTERM": "truecolor"])
    #expect(capabilities.choose().mode == .kitty)
    #expect(capabilities.cellPixelSize == CellPixelSize(width: 9, height: 20))
    #expect(terminal.pendingInput().isEmpty)
  }

  @Test("A terminal that never answers: back within the timeout, half blocks")
  func silentTerminal() throws {
    let (capabilities, elapsed, terminal) = try probe(
      reply: nil, environment: ["TERM": "xterm-256color"])
    #expect(elapsed < .seconds(2), "the probe waited \(elapsed)")
    #expect(!capabilities.replies.isComplete)
    #expect(capabilities.choose().mode == .palette256)
    #expect(terminal.isCookedWithEcho)
  }

  @Test("Not a terminal (a pipe): no queries written, environment only")
  func pipe() throws {
    var descriptors: [Int32] = [0, 0]
    #expect(Glibc.pipe(&descriptors) == 0)
    defer {
      close(descriptors[0])
      close(descriptors[1])
    }
    let capabilities = TerminalProbe.probe(
      fileDescriptor: descriptors[1], environment: ["TERM": "xterm", "COLORTERM": "24bit"])
    #expect(capabilities.choose().mode == .truecolor)
    var request = pollfd(fd: descriptors[0], events: Int16(POLLIN), revents: 0)
    #expect(poll(&request, 1, 0) == 0, "nothing may be written to a pipe")
  }

  @Test("Inside tmux nothing is sent (the kitty query would become the pane title)")
  func insideTmux() throws {
    let terminal = try FakeTerminal()
    let capabilities = TerminalProbe.probe(
      fileDescriptor: terminal.programSide,
      environment: [
        "TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "COLORTERM": "truecolor",
      ])
    #expect(capabilities.choose().mode == .truecolor)
    #expect(capabilities.choose().notes.contains { $0.contains("passthrough") })
    var request = pollfd(fd: terminal.terminalSide, events: Int16(POLLIN), revents: 0)
    #expect(poll(&request, 1, 0) == 0, "nothing may be sent inside tmux")
  }

  @Test("A dumb terminal gets no queries and ASCII")
  func dumbTerminal() throws {
    let terminal = try FakeTerminal()
    let capabilities = TerminalProbe.probe(
      fileDescriptor: terminal.programSide, environment: ["TERM": "dumb"])
    #expect(capabilities.choose().mode == .ascii)
    var request = pollfd(fd: terminal.terminalSide, events: Int16(POLLIN), revents: 0)
    #expect(poll(&request, 1, 0) == 0, "nothing may be written to a dumb terminal")
  }

  @Test("A terminal that answers all but DA1: back within the timeout, answers kept")
  func missingSentinel() throws {
    let (capabilities, elapsed, _) = try probe(
      reply: "\u{1B}_Gi=31;OK\u{1B}\\", environment: ["TERM": "xterm-kitty"])
    #expect(elapsed < .seconds(2), "the probe waited \(elapsed)")
    #expect(!capabilities.replies.isComplete)
    #expect(capabilities.replies.kittyGraphics == true)
  }

  /// kitty under load (software OpenGL, a busy machine) answered after more than 200 ms: the
  /// probe gave up, chose half blocks, and the replies then arrived as text on the shell.
  @Test("A terminal slow to answer (400 ms) is still recognised, and leaves no stray bytes")
  func slowTerminal() throws {
    let (capabilities, _, terminal) = try probe(
      reply: RecordedReplies.kitty, after: .milliseconds(400),
      environment: ["TERM": "xterm-kitty", "COLORTERM": "truecolor"])
    #expect(capabilities.choose().mode == .kitty)
    #expect(terminal.pendingInput().isEmpty)
  }
}
