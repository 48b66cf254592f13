import Dispatch
import Glibc
import LatentBasics

/// A one-line progress indicator for long work that is not training (encoding, generating
/// faces): `stage  NN%`, redrawn in place on a terminal at most ten times a second; silent when
/// standard error is a file or a pipe.
struct WorkProgress {
  /// Whether standard error is a terminal.
  let isTerminal = isatty(STDERR_FILENO) == 1
  private var lastDraw = 0.0
  private var lastStage = ""

  /// Shows `stage` at `fraction` (0…1) done.
  mutating func update(_ stage: String, _ fraction: Double) {
    guard isTerminal else { return }
    let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    guard stage != lastStage || now - lastDraw >= 0.1 || fraction >= 1 else { return }
    lastDraw = now
    lastStage = stage
    let percent = String(format: "%3d%%", Int((fraction * 100).rounded(.down)))
    StandardStream.error("\r\u{1B}[2K\(stage) \(percent)")
  }

  /// Clears the line.
  func finish() {
    guard isTerminal else { return }
    StandardStream.error("\r\u{1B}[2K")
  }
}
