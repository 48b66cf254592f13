import Foundation
import ImageIO
import LatentBasics
import TestSupport
import Testing

/// MP4 files written through ffmpeg, read back with ffprobe (both from Debian's ffmpeg, which
/// the Makefile installs for the tests).
@Suite("MP4 video through ffmpeg")
struct MP4VideoTests {
  @Test func framesOfOddSizeBecomeOneVideoFrameEachPaddedToEvenSize() throws {
    let folder = try TemporaryFolder()
    let frames = (0..<7).map { k in
      Image(width: 31, height: 17, fill: [UInt8(k * 30), 200, UInt8(255 - k * 30)])
    }
    let path = folder.file("walk.mp4")
    try MP4Video.write(frames, framesPerSecond: 10, to: path)
    let facts = try FFprobe.videoStream(path)
    #expect(facts.contains("nb_read_frames=7"), "\(facts)")
    #expect(facts.contains("width=32") && facts.contains("height=18"), "\(facts)")
    #expect(facts.contains("codec_name=h264") && facts.contains("pix_fmt=yuv420p"), "\(facts)")
    // No temporary file is left beside it.
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(left == ["walk.mp4"])
  }

  @Test func grayFramesAreWrittenToo() throws {
    let folder = try TemporaryFolder()
    let frames = (0..<3).map { Image(width: 16, height: 16, fill: [UInt8($0 * 100)]) }
    let path = folder.file("gray.mp4")
    try MP4Video.write(frames, framesPerSecond: 1, to: path)
    #expect(try FFprobe.videoStream(path).contains("nb_read_frames=3"))
  }

  @Test func aFolderThatCannotHoldTheFileIsAnErrorNamingIt() throws {
    let path = "/nonexistent-folder/walk.mp4"
    #expect {
      try MP4Video.write(
        [Image(width: 4, height: 4, fill: [0, 0, 0])], framesPerSecond: 5, to: path)
    } throws: { error in
      let error = error as? LatentError
      return error?.path == path && error?.problem.contains("ffmpeg failed") == true
    }
  }
}
