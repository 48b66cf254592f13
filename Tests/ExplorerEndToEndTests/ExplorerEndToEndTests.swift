import FaceVAE
import Foundation
import ImageIO
import TestSupport
import Testing

/// `latent explore` in a real pseudo-terminal (tmux): keys in, screen and files out.
@Suite("Explorer in tmux", .serialized)
struct ExplorerEndToEndTests {
  /// The binary `swift test` builds for this run, beside the test bundle.
  static var binary: String { LatentBinary.path }

  /// Every 24-bit colour sequence on the screen, in order (the face is the only thing in
  /// direct colour).
  static func directColors(_ screen: String) -> [String] {
    screen.components(separatedBy: "\u{1B}[").compactMap { sequence in
      guard sequence.hasPrefix("38;2;") || sequence.hasPrefix("48;2;") else { return nil }
      return String(sequence.prefix { $0 != "m" })
    }
  }

  /// The line of the selected slider (`▸ zN …`).
  static func selectedSliderLine(_ screen: String) -> String? {
    screen.split(separator: "\n").first { $0.contains("▸ z") }.map(String.init)
  }

  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func keysMoveTheSliderAndRedrawTheFaceExportWritesAPNGAndQuitRestoresTheShell() throws {
    _ = try LatentBinary.located()
    let folder = try TemporaryFolder()
    let model = try TrainedTestModel.make(in: folder.path)
    let pane = try TmuxPane()
    try pane.typeLine(
      "\(Self.binary) explore --model \(model) --export \(folder.path)/out --graphics truecolor")

    let opened = try pane.waitFor(escapes: true) {
      $0.contains("decode") && Self.directColors($0).count > 200
    }
    #expect(opened.ok, "the explorer did not show a face:\n\((try? pane.capture()) ?? "")")
    let before = try #require(Self.selectedSliderLine(try pane.capture()))
    #expect(before.contains(" 0.00σ"))
    let colorsBefore = Self.directColors(opened.screen)

    try pane.press("L")
    let moved = try pane.waitFor { Self.selectedSliderLine($0)?.contains("+0.50σ") == true }
    #expect(moved.ok, "L did not move the slider:\n\(moved.screen)")
    try pane.press("L", "L", "L")
    let slid = try pane.waitFor { Self.selectedSliderLine($0)?.contains("+2.00σ") == true }
    #expect(slid.ok, "three more L did not reach +2.00σ:\n\(slid.screen)")
    let redrawn = try pane.waitFor(escapes: true) { Self.directColors($0) != colorsBefore }
    #expect(redrawn.ok, "the face did not change with the slider")

    try pane.press("e")
    let exported = try pane.waitFor { $0.contains("wrote ") }
    #expect(exported.ok, "e did not report a file:\n\(exported.screen)")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("out"))
    #expect(files.sorted() == ["face_001.json", "face_001.png"])
    // Beside the PNG, the code of the face shown: the first slider's dimension at one of the
    // values L passed through (the face may still be one step behind), every other at 0.
    let code = try LatentCodeFile(path: folder.file("out/face_001.json")).code
    let nonZero = code.filter { $0 != 0 }
    #expect(nonZero.count == 1 && [0.5, 1, 1.5, 2].contains(nonZero.first ?? 0), "\(code)")
    let image = try Image.readPNG(path: folder.file("out/face_001.png"))
    #expect(image.width == TrainedTestModel.size * 4 && image.height == TrainedTestModel.size * 4)

    try pane.quit()
  }

  /// After `latent explore --seed S`, the first `r` shows the face `latent sample --seed S`
  /// draws: the exported face (4× nearest neighbour) is the sample's PNG, pixel for pixel
  /// (within 1 of 255: the explorer decodes on other threads).
  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func theFirstRandomFaceIsTheSampleOfTheSeed() throws {
    _ = try LatentBinary.located()
    let folder = try TemporaryFolder()
    let model = try TrainedTestModel.make(in: folder.path)
    let seed: UInt64 = 7
    // Sliders stop at ±3σ: the seed's first code must lie within them for the faces to match.
    let code = FaceModel.priorCode(dimensions: 16, seed: seed, index: 0)
    try #require(code.allSatisfy { abs($0) <= 3 })
    let sampled = try LatentProcess.run(
      [
        "sample", "--model", model, "--seed", "\(seed)", "-n", "1", "--scale", "1", "--out",
        folder.file("samples"),
      ])
    #expect(sampled.status == 0, "\(sampled.error)")
    let sample = try Image.readPNG(path: folder.file("samples/sample_001.png"))

    let pane = try TmuxPane()
    try pane.typeLine(
      "\(Self.binary) explore --model \(model) --seed \(seed) --export \(folder.path)/out --graphics truecolor"
    )
    let opened = try pane.waitFor(escapes: true) { Self.directColors($0).count > 200 }
    #expect(opened.ok, "the explorer did not show a face:\n\((try? pane.capture()) ?? "")")
    try pane.press("r")
    let drawn = try pane.waitFor(escapes: true) {
      Self.directColors($0) != Self.directColors(opened.screen)
    }
    #expect(drawn.ok, "r did not change the face")
    try pane.press("e")
    let exported = try pane.waitFor { $0.contains("wrote ") }
    #expect(exported.ok, "e did not report a file:\n\(exported.screen)")
    try pane.quit()
    let face = try Image.readPNG(path: folder.file("out/face_001.png"))
    try #require(face.width == sample.width * 4 && face.height == sample.height * 4)
    var largest = 0
    for y in 0..<sample.height {
      for x in 0..<sample.width {
        for channel in 0..<sample.channels {
          largest = max(largest, abs(Int(face[x * 4, y * 4, channel]) - Int(sample[x, y, channel])))
        }
      }
    }
    #expect(largest <= 1, "the first r's face differs from the sample by up to \(largest)")
  }

  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func backgroundTrainingShowsProgressAndANewerFace() throws {
    let folder = try TemporaryFolder()
    let model = try TrainedTestModel.make(in: folder.path)
    let pane = try TmuxPane()
    try pane.typeLine(
      "\(Self.binary) explore --model \(model) --data synthetic:256:9 --epochs 2 --graphics truecolor"
    )
    let opened = try pane.waitFor(escapes: true) { Self.directColors($0).count > 200 }
    #expect(opened.ok, "no face:\n\((try? pane.capture()) ?? "")")
    let colorsBefore = Self.directColors(opened.screen)

    try pane.press("t")
    let progress = try pane.waitFor { $0.contains("epoch") && $0.contains("img/s") }
    #expect(progress.ok, "t showed no progress:\n\(progress.screen)")
    let newer = try pane.waitFor(seconds: 40, escapes: true) {
      $0.contains("weights gen") && Self.directColors($0) != colorsBefore
    }
    #expect(newer.ok, "no face from newer weights:\n\((try? pane.capture()) ?? "")")
    let finished = try pane.waitFor(seconds: 60) { $0.contains("training finished") }
    #expect(finished.ok, "training did not finish:\n\(finished.screen)")
    #expect(FileManager.default.fileExists(atPath: folder.file("faces32.ckpt.safetensors")))

    // w, then n: saved in the background beside the model; the status line ends with the path.
    try pane.press("w")
    _ = try pane.waitFor { $0.contains("overwrite the model file?") }
    try pane.press("n")
    let kept = folder.file("faces32.1.safetensors")
    let saved = try pane.waitFor(seconds: 30) {
      $0.contains("wrote …/faces32.1.safetensors") || $0.contains("wrote \(kept)")
    }
    #expect(saved.ok, "no path after w:\n\(saved.screen)")
    #expect(FileManager.default.fileExists(atPath: kept))
    try pane.quit()
  }

  @Test func withoutATerminalItSaysSoAndExitsWithStatus2() throws {
    let folder = try TemporaryFolder()
    let model = try TrainedTestModel.make(in: folder.path)
    let result = try LatentProcess.run(["explore", "--model", model])
    #expect(result.status == 2)
    #expect(result.error.contains("terminal") && result.error.split(separator: "\n").count == 1)
  }
}

extension ExplorerEndToEndTests {
  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func resizingToTooSmallShowsAMessageAndBackRestoresTheLayout() throws {
    let folder = try TemporaryFolder()
    let model = try TrainedTestModel.make(in: folder.path)
    let pane = try TmuxPane()
    try pane.typeLine("\(Self.binary) explore --model \(model) --graphics 256")
    let opened = try pane.waitFor { Self.selectedSliderLine($0) != nil }
    #expect(opened.ok, "no sliders:\n\(opened.screen)")
    try pane.resize(columns: 50, rows: 12)
    let small = try pane.waitFor { $0.contains("Terminal too small: 50×12") }
    #expect(small.ok, "no message at 50×12:\n\(small.screen)")
    try pane.resize(columns: 100, rows: 30)
    let back = try pane.waitFor(escapes: true) { $0.contains("38;5;") && !$0.contains("too small") }
    #expect(back.ok, "the layout did not come back with 256-colour faces")
    #expect(Self.directColors(back.screen).isEmpty)
    try pane.quit()
  }
}
