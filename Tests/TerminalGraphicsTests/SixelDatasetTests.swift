import Foundation
import ImageIO
import TerminalGraphics
import TestSupport
import Testing

/// The colour faces beside the checkout (`../shared/datasets/frl_faces_color_128`).
private let faceDirectory = URL(fileURLWithPath: SharedDatasets.path("frl_faces_color_128"))

@Suite("Sixel on real colour faces (skipped without ../shared/datasets)")
struct SixelDatasetTests {
  /// The face files to measure: all with LATENT_TEST_FULL=1, else the first 12.
  private func faceFiles() throws -> [URL] {
    let files = try FileManager.default.contentsOfDirectory(
      at: faceDirectory, includingPropertiesForKeys: nil
    )
    .filter { $0.pathExtension == "png" }.sorted { $0.path < $1.path }
    let full = ProcessInfo.processInfo.environment["LATENT_TEST_FULL"] == "1"
    return full ? files : Array(files.prefix(12))
  }

  @Test(
    "Faces decode within quantisation error, at 128 and at 64 pixels, no worse than img2sixel",
    SharedDatasets.required("frl_faces_color_128"))
  func colourFaces() throws {
    for size in [128, 64] {
      var ours = (total: 0.0, max: 0, count: 0)
      var theirs = (total: 0.0, max: 0, count: 0)
      for file in try faceFiles() {
        let ppm = try ExternalTool.run(
          "convert", [file.path, "-resize", "\(size)x\(size)!", "-depth", "8", "ppm:-"],
          package: "imagemagick")
        let source = try PNM.decode(ppm).rgbImage()
        let decoded = try SixelDecoders.imageMagick(SixelEncoder().encode(source))
        let error = PixelError(decoded: decoded, source: source)
        ours = (ours.total + error.mean, max(ours.max, error.max), ours.count + 1)
        // The same image through libsixel's own encoder, for comparison.
        let folder = try TemporaryFolder()
        let input = try folder.write(ppm, to: "face.ppm")
        let reference = try ExternalTool.run("img2sixel", [input], package: "libsixel-bin")
        let referenceError = PixelError(
          decoded: try SixelDecoders.imageMagick([UInt8](reference)), source: source)
        theirs = (
          theirs.total + referenceError.mean, max(theirs.max, referenceError.max), theirs.count + 1
        )
      }
      let oursMean = ours.total / Double(ours.count)
      let theirsMean = theirs.total / Double(theirs.count)
      let oursText = String(format: "%.3f", arguments: [oursMean])
      let theirsText = String(format: "%.3f", arguments: [theirsMean])
      print(
        "sixel \(size)×\(size) on \(ours.count) faces: ours mean \(oursText) max \(ours.max);"
          + " img2sixel mean \(theirsText) max \(theirs.max)")
      #expect(oursMean <= theirsMean)
      #expect(ours.max <= theirs.max + 4)
    }
  }
}
