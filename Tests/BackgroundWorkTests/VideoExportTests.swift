import BackgroundWork
import FaceVAE
import Foundation
import ImageIO
import LatentUI
import TestSupport
import Testing

/// The explorer's `V`: its frames as an MP4 video, read back by ffprobe (a reader not ours).
@Suite("MP4 export from the explorer")
struct VideoExportTests {
  @Test(.enabled(if: ExternalTool.find("ffprobe") != nil, "ffprobe (ffmpeg) is not installed"))
  func anAnimationAsMP4HasOneVideoFramePerFaceFrameAtTheExportScale() throws {
    let folder = try TemporaryFolder()
    let queue = ExportQueue(exporter: Exporter(folder: folder.file("out")))
    let frames = (0..<5).map { k in
      Image(width: 8, height: 8, fill: [UInt8(k * 50), 100, UInt8(255 - k * 50)])
    }
    let code = LatentCodeFile(model: "toy", code: [1, 2])
    let animation = AnimationExport(
      name: "sweep_z1", frames: frames, scale: 2, codes: ["": code], format: .mp4)
    queue.submit(.animation(animation))
    // A GIF of the same name afterwards takes the next number: the names never collide.
    var gif = animation
    gif.format = .gif
    queue.submit(.animation(gif))
    queue.waitUntilIdle()
    let results = try queue.takeResults().map { try $0.get() }
    #expect(
      results == [
        folder.file("out/sweep_z1_001.mp4") + ", sweep_z1_001.json",
        folder.file("out/sweep_z1_002.gif") + ", sweep_z1_002.json",
      ])
    let facts = try FFprobe.videoStream(folder.file("out/sweep_z1_001.mp4"))
    #expect(facts.contains("nb_read_frames=5"), "\(facts)")
    #expect(facts.contains("width=16") && facts.contains("height=16"), "\(facts)")
    #expect(facts.contains("codec_name=h264") && facts.contains("pix_fmt=yuv420p"), "\(facts)")
    #expect(try LatentCodeFile(path: folder.file("out/sweep_z1_001.json")) == code)
  }
}
