import ArgumentParser
import ImageIO

/// `--mp4 FILE` and `--fps N`: the commands that animate faces also write an MP4 video.
struct VideoOptions: ParsableArguments {
  @Option(help: "Also write the frames as an MP4 video here (H.264, yuv420p; needs ffmpeg).")
  var mp4: String?

  @Option(help: "MP4 frames per second.")
  var fps = 12

  func validate() throws {
    guard MP4Video.frameRates.contains(fps) else {
      throw ValidationError(
        "--fps must be \(MP4Video.frameRates.lowerBound)...\(MP4Video.frameRates.upperBound), not \(fps)"
      )
    }
  }

  /// Writes `frames` to `--mp4` when it is given; returns whether it did.
  @discardableResult
  func write(_ frames: [Image]) throws -> Bool {
    guard let mp4 else { return false }
    try MP4Video.write(frames, framesPerSecond: fps, to: mp4)
    return true
  }
}
