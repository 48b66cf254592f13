import FaceVAE
import Foundation
import TestSupport
import Testing

extension ExplorerEndToEndTests {
  /// `--code` opens at an exported code; `G` writes a GIF in Explore, Interpolate and Traverse
  /// at the export scale; `f` with Tab completion sets the sliders to an image file's code.
  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func codeFileGIFsAndAnImageFileFromTheKeyboard() throws {
    _ = try LatentBinary.located()
    let folder = try TemporaryFolder()
    let model = try TrainedTestModel.make(in: folder.path)
    let start = LatentCodeFile(model: "faces32", code: Array(repeating: 1.25, count: 16))
    try start.write(to: folder.file("start.json"))
    let out = folder.file("out")
    let pane = try TmuxPane()
    try pane.typeLine(
      "\(Self.binary) explore --model \(model) --export \(out) --graphics truecolor"
        + " --code \(folder.file("start.json"))")
    let opened = try pane.waitFor { Self.selectedSliderLine($0)?.contains("+1.25σ") == true }
    #expect(opened.ok, "--code did not set the sliders:\n\(opened.screen)")
    #expect(opened.screen.contains("sliders set to start.json"))

    /// Presses G and waits for the GIF and its `codeFiles` code files starting with `name`.
    func exportGIF(_ name: String, codeFiles: Int = 1) throws -> [String] {
      try pane.press("G")
      // The status line shortens the long temporary path, and its message goes after five
      // seconds: the files show what was written (each written whole, by a rename).
      let written = try pane.waitFor { _ in
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter {
          $0.hasPrefix(name)
        }
        return files.count == 1 + codeFiles
          && files.contains { $0.hasSuffix("_001.gif") }
      }
      #expect(written.ok, "G did not write \(name)_001.gif:\n\(written.screen)")
      return try FileManager.default.contentsOfDirectory(atPath: out).filter {
        $0.hasPrefix(name)
      }.sorted()
    }
    try pane.press("x")  // ×4 → ×8
    _ = try pane.waitFor { $0.contains("×8") }
    let sweepFiles = try exportGIF("sweep_z")
    #expect(sweepFiles.count == 2 && sweepFiles.allSatisfy { $0.contains("_001.") })
    let sweep = try #require(sweepFiles.first { $0.hasSuffix(".gif") })
    #expect(try ImageMagick.identify(out + "/" + sweep) == ImageMagick.frames(40, 256, 256))
    let sweepCode = try LatentCodeFile(path: out + "/" + sweep.replacing(".gif", with: ".json"))
    #expect(sweepCode == start)

    try pane.press("I")
    _ = try pane.waitFor { $0.contains("1 of 10") }
    usleep(1_500_000)  // the strip's frames decode
    #expect(
      try exportGIF("interpolation", codeFiles: 2) == [
        "interpolation_001.a.json", "interpolation_001.b.json", "interpolation_001.gif",
      ])
    #expect(
      try ImageMagick.identify(out + "/interpolation_001.gif") == ImageMagick.frames(18, 256, 256))

    try pane.press("T")
    try pane.press("j")
    let row = try exportGIF("traverse_z")
    #expect(row.count == 2)
    let rowGIF = try #require(row.first { $0.hasSuffix(".gif") })
    #expect(try ImageMagick.identify(out + "/" + rowGIF) == ImageMagick.frames(40, 256, 256))

    // Back in Explore: export a PNG, then encode it with f, Tab completing its name.
    try pane.press("Escape")
    _ = try pane.waitFor { $0.contains("±0.1σ") }
    try pane.press("e")
    let png = try pane.waitFor { _ in
      FileManager.default.fileExists(atPath: out + "/face_001.png")
    }
    #expect(png.ok, "e did not export a PNG:\n\(png.screen)")
    try pane.press("f")
    try tmuxType(pane, out + "/face_0")
    try pane.press("Tab", "p", "Tab")
    let completed = try pane.waitFor { $0.contains(out + "/face_001.png") }
    #expect(completed.ok, "Tab did not complete the file name:\n\(completed.screen)")
    try pane.press("Enter")
    let encoded = try pane.waitFor { $0.contains("sliders set to face_001.png") }
    #expect(encoded.ok, "f did not set the sliders to the image:\n\(encoded.screen)")
    try pane.quit()
  }

  /// Types `text` literally into the pane.
  private func tmuxType(_ pane: TmuxPane, _ text: String) throws {
    try pane.press("-l", text)
  }
}
