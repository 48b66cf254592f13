import FaceVAE
import LatentBasics
import Glibc

/// Training progress for a person: a bar redrawn in place on a terminal, or
/// one plain line per epoch when the output is a file or a pipe.
struct ProgressLine {
  /// Whether standard error is a terminal.
  let isTerminal = isatty(STDERR_FILENO) == 1
  private var lastDraw = 0.0

  /// Redraws the bar (at most ten times a second); does nothing off a terminal.
  mutating func update(_ p: TrainingProgress) {
    guard isTerminal, p.elapsed - lastDraw >= 0.1 || p.step == p.stepsPerEpoch else { return }
    lastDraw = p.elapsed
    let width = 24
    let filled = Int((p.fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    let line =
      "\r\(bar) "
      + String(
        format: "%3d%%  epoch %d/%d  step %d/%d  ELBO %.1f  %.0f img/s", Int(p.fraction * 100),
        p.epoch, p.epochs, p.step, p.stepsPerEpoch, p.elbo, p.imagesPerSecond)
      + "  ETA \(Self.duration(p.secondsRemaining)) "
    StandardStream.error(line)
  }

  /// Prints the epoch's summary on its own line.
  func finish(_ record: EpochRecord, of epochs: Int) {
    let validation = record.validationELBO.map { String(format: "  val ELBO %.2f", $0) } ?? ""
    let line =
      (isTerminal ? "\r\u{1B}[2K" : "")
      + String(format: "epoch %d/%d  train ELBO %.2f", record.epoch, epochs, record.trainELBO)
      + validation
      + String(
        format: "  recon %.2f  KL %.2f  %.0f img/s  %.1f s\n", record.reconstruction, record.kl,
        record.imagesPerSecond, record.seconds)
    StandardStream.error(line)
  }

  /// `1h02m`, `3m20s` or `12s`.
  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "?" }
    let s = Int(seconds.rounded())
    if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m" }
    if s >= 60 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
    return "\(s)s"
  }
}
