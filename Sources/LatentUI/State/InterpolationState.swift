import FaceVAE
import ImageIO

/// Interpolate mode: the two ends, how to walk between them, and the frames decoded.
package struct InterpolationState: Hashable, Sendable {
  /// Code of end A (`[D]`), and where it came from.
  package var start: [Float]?
  package var startLabel = "—"
  /// Code of end B.
  package var end: [Float]?
  package var endLabel = "—"
  /// Frames from A to B inclusive.
  package var steps = 10
  /// Spherical (slerp) instead of linear.
  package var spherical = false
  /// The frame shown (0-based).
  package var position = 0
  /// Playing: the position advances on each tick and loops.
  package var playing = false
  /// Decoded frames for the current ends and settings (empty until decoded).
  package var frames: [Image] = []

  package init() {}

  /// Sets end A (`isStart`) or end B to `code`, which came from `label`.
  package mutating func setEnd(isStart: Bool, to code: [Float], label: String) {
    if isStart {
      start = code
      startLabel = label
    } else {
      end = code
      endLabel = label
    }
  }

  /// The codes of every frame, or nil until both ends are set.
  package func codes() -> LatentCodes? {
    guard let start, let end, start.count == end.count else { return nil }
    return LatentPath.frames(from: start, to: end, count: max(1, steps), spherical: spherical)
  }
}
