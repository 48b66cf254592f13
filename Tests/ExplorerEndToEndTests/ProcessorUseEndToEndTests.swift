import Foundation
import TestSupport
import Testing

/// What `latent explore` costs the machine while a person uses it.
@Suite("Explorer's processor use in tmux", .serialized)
struct ProcessorUseEndToEndTests {
  /// Seconds of processor time `pid` has used (user and system), from /proc/PID/stat.
  static func processorSeconds(of pid: pid_t) throws -> Double {
    let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
    let close = try #require(stat.lastIndex(of: ")"))
    // After "pid (comm)": state is field 3, utime and stime fields 14 and 15.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    let ticks = try #require(Double(fields[11])) + (try #require(Double(fields[12])))
    return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
  }

  /// Pressing keys for about 2.5 s, 20 a second, makes the bundled model's explorer decode a
  /// face per key; that takes a few milliseconds of processor time each. OpenBLAS's second
  /// thread, woken by a decoder's product and left at OpenBLAS's default thread count, spun in
  /// sched_yield between them: the process used a whole core (2.41 s over 2.4 s) where it
  /// now uses 0.16 s. Less than half a core is asked here.
  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func pressingKeysUsesFarLessThanACore() throws {
    _ = try LatentBinary.located()
    let model = LatentBinary.packageRoot.appendingPathComponent("Models/faces64.safetensors").path
    let pane = try TmuxPane()
    try pane.typeLine(
      "\(LatentBinary.path) explore --model \(model) --graphics truecolor")
    let opened = try pane.waitFor { ExplorerEndToEndTests.selectedSliderLine($0) != nil }
    #expect(opened.ok, "the explorer did not open:\n\(opened.screen)")
    let pid = try #require(try pane.commandProcessID(), "no process in the pane")
    let start = Date()
    let before = try Self.processorSeconds(of: pid)
    for press in 0..<50 {
      try pane.press(press / 10 % 2 == 0 ? "l" : "h")
      usleep(50_000)
    }
    let used = try Self.processorSeconds(of: pid) - before
    let elapsed = Date().timeIntervalSince(start)
    #expect(used < 0.5 * elapsed, "\(used) s of processor time in \(elapsed) s")
    try pane.quit()
  }
}
