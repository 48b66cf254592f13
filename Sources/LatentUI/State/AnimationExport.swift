import FaceVAE
import ImageIO

/// An animation for the export folder — a GIF (`name_001.gif`) or an MP4 video
/// (`name_001.mp4`), never overwriting — with the codes it was made from beside it (`name_001.json`; an interpolation's ends as `name_001.a.json` and
/// `name_001.b.json`), so that the explorer or the commands can make it again.
package struct AnimationExport: Hashable, Sendable {
  /// How the frames are written.
  package enum Format: String, Hashable, Sendable {
    /// An animated GIF, each frame ``delayCentiseconds``.
    case gif
    /// An MP4 video (H.264, yuv420p) through the system's `ffmpeg`, one video frame per face
    /// frame at ``videoFramesPerSecond``.
    case mp4
  }

  /// Time each frame shows, in hundredths of a second (the commands' `--delay` default).
  package static let delayCentiseconds = 8
  /// The video's frame rate: as near the GIF's 12.5 frames per second as a whole rate gets.
  package static let videoFramesPerSecond = 12
  /// The values (σ) a slider sweep or a Traverse row passes: 21 from −3σ to +3σ (0 among them).
  package static let sweepValues: [Float] = (0...20).map { -3 + 6 * Float($0) / 20 }

  /// The file name before the number: `interpolation`, `sweep_z12`, `traverse_z3`.
  package var name: String
  /// The frames in playing order, at the model's size; empty until decoded.
  package var frames: [Image]
  /// Nearest-neighbour upscaling of every frame, 1…8 (the export scale `x`).
  package var scale: Int
  /// The code files to write beside the GIF, by what follows the number in their names
  /// (`""` for `name_001.json`, `".a"` for `name_001.a.json`).
  package var codes: [String: LatentCodeFile]
  /// GIF or MP4.
  package var format: Format

  package init(
    name: String, frames: [Image] = [], scale: Int, codes: [String: LatentCodeFile],
    format: Format = .gif
  ) {
    self.name = name
    self.format = format
    self.frames = frames
    self.scale = scale
    self.codes = codes
  }

  /// `text` as part of a file name: letters, digits, `-` and `_` kept, anything else `_`.
  package static func fileNamePart(_ text: String) -> String {
    String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
  }
}
