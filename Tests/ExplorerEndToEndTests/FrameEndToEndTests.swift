import Foundation
import TestSupport
import Testing

/// How many frames `latent explore` writes for what a person does.
@Suite("Explorer's frames in tmux", .serialized)
struct FrameEndToEndTests {
  /// The `name value` lines of an explorer's `--statistics` file.
  static func statistics(in path: String) throws -> [String: Double] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var values: [String: Double] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 2, let value = Double(parts[1]) { values[String(parts[0])] = value }
    }
    return values
  }

  /// The bundled model's explorer in a tmux pane: opened with `--statistics`, `actions` done,
  /// quit; its statistics.
  static func statistics(after actions: (TmuxPane) throws -> Void) throws -> [String: Double] {
    _ = try LatentBinary.located()
    let model = LatentBinary.packageRoot.appendingPathComponent("Models/faces64.safetensors").path
    let folder = try TemporaryFolder()
    let path = folder.file("statistics.txt")
    let pane = try TmuxPane()
    try pane.typeLine(
      "\(LatentBinary.path) explore --model \(model) --graphics truecolor --statistics \(path)")
    let opened = try pane.waitFor { ExplorerEndToEndTests.selectedSliderLine($0) != nil }
    #expect(opened.ok, "the explorer did not open:\n\(opened.screen)")
    try actions(pane)
    try pane.quit()
    return try statistics(in: path)
  }

  /// A key that moves a slider asks for a new face; the screen waits a moment for it, so the
  /// moved slider and its face are one frame. Drawing the slider first and the face when it
  /// came made two frames a key (1,307 frames for 641 faces in `scripts/explore-bench.py`).
  /// A face that decodes slower than the wait (a loaded machine) still takes a second frame,
  /// so a third of the keys may.
  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func aKeyDrawsItsSliderAndFaceInOneFrame() throws {
    let presses = 30
    let values = try Self.statistics { pane in
      for press in 0..<presses {
        try pane.press(press / 10 % 2 == 0 ? "l" : "h")
        usleep(80_000)
      }
    }
    let faces = try #require(values["key_to_face_samples"], "no statistics: \(values)")
    let frames = try #require(values["frames"])
    #expect(faces >= Double(presses) - 2, "\(faces) faces for \(presses) keys")
    // Opening and quitting draw a few frames of their own.
    #expect(frames <= faces * 4 / 3 + 8, "\(frames) frames for \(faces) faces")
  }

  /// The screen loop ticks ten times a second (playback, the status message's lifetime), but
  /// a tick that changes nothing on the screen draws nothing: an idle explorer used 1% of a
  /// core repainting the same screen, about a third of that now.
  @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
  func anIdleExplorerDrawsNothing() throws {
    let values = try Self.statistics { _ in usleep(2_000_000) }
    let frames = try #require(values["frames"], "no statistics: \(values)")
    // Opening draws the screen and then its first face; 20 ticks passed.
    #expect(frames <= 5, "\(frames) frames in 2 s of nothing")
  }
}
