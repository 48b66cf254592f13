import BackgroundWork
import FaceVAE
import Foundation
import ImageIO
import LatentUI
import TestSupport
import Testing

@Suite("Exports off the screen thread")
struct ExportQueueTests {
  /// A flat 8×8 colour image.
  func face(_ level: UInt8) -> Image { Image(width: 8, height: 8, fill: [level, 255 - level, 40]) }

  @Test func aGIFIsWrittenAtTheExportScaleWithItsCodesAndNeverOverwritten() throws {
    let folder = try TemporaryFolder()
    let queue = ExportQueue(exporter: Exporter(folder: folder.file("out")))
    let a = LatentCodeFile(model: "toy", code: [1, 2])
    let b = LatentCodeFile(model: "toy", code: [-1, 0.5])
    let frames = GIFAnimation.thereAndBack([face(0), face(100), face(200)])
    let animation = AnimationExport(
      name: "interpolation", frames: frames, scale: 4, codes: [".a": a, ".b": b])
    queue.submit(.animation(animation))
    queue.submit(.animation(animation))
    queue.waitUntilIdle()
    let results = try queue.takeResults().map { try $0.get() }
    #expect(
      results == [
        folder.file("out/interpolation_001.gif")
          + ", interpolation_001.a.json, interpolation_001.b.json",
        folder.file("out/interpolation_002.gif")
          + ", interpolation_002.a.json, interpolation_002.b.json",
      ])
    let gif = folder.file("out/interpolation_001.gif")
    #expect(try ImageMagick.identify(gif) == ImageMagick.frames(4, 32, 32))
    // The third frame is the last face, the fourth the middle one again (there and back).
    let third = try ImageMagick.rgb(of: gif, frame: 2)
    let fourth = try ImageMagick.rgb(of: gif, frame: 3)
    #expect(Array(third.prefix(3)) == [200, 55, 40] && Array(fourth.prefix(3)) == [100, 155, 40])
    #expect(try LatentCodeFile(path: folder.file("out/interpolation_001.a.json")) == a)
    #expect(try LatentCodeFile(path: folder.file("out/interpolation_002.b.json")) == b)
    #expect(queue.takeResults().isEmpty)
  }

  @Test func interpolationFramesAreWrittenAtTheExportScale() throws {
    let folder = try TemporaryFolder()
    let queue = ExportQueue(exporter: Exporter(folder: folder.path))
    queue.submit(.frames([face(0), face(50)], scale: 4))
    queue.waitUntilIdle()
    let written = try #require(queue.takeResults().first).get()
    let frame = try Image.readPNG(path: written + "/frame_002.png")
    #expect(frame.width == 32 && frame.height == 32 && frame.pixels.prefix(3) == [50, 205, 40])
  }

  @Test func aFailedExportIsOneLineNamingTheFolder() throws {
    let folder = try TemporaryFolder()
    _ = try folder.write([1], to: "file")
    let queue = ExportQueue(exporter: Exporter(folder: folder.file("file")))
    queue.submit(
      .animation(AnimationExport(name: "sweep_z1", frames: [face(1)], scale: 1, codes: [:])))
    queue.waitUntilIdle()
    let results = queue.takeResults()
    guard case .failure(let error) = results.first else {
      Issue.record("exporting into a file did not fail: \(results)")
      return
    }
    let line = String(describing: error)
    #expect(line.contains(folder.file("file")) && !line.contains("\n"))
  }
}
