import Foundation
import TestSupport
import Testing

/// `latent directions`, `traverse --direction`, `bookmark` and `--mp4` on the small test model.
@Suite("directions, bookmarks and MP4 on the command line")
struct DirectionCommandTests {
  func run(_ arguments: [String], environment: [String: String] = [:]) throws
    -> LatentProcess.Result
  {
    try LatentProcess.run(arguments, environment: environment)
  }

  @Test func directionsGoIntoACopyAndTraverseWalksThem() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let before = try Data(contentsOf: URL(fileURLWithPath: model))
    let out = folder.file("dirs.safetensors")
    var result = try run([
      "directions", "--model", model, "--method", "sefa", "-n", "3", "--out", out,
    ])
    #expect(result.status == 0, "\(result.error)")
    result = try run(["directions", "--model", out, "--method", "pca", "--out", out])
    #expect(result.status == 0, "\(result.error)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
    result = try run(["info", out])
    #expect(result.output.contains("directions pca (4), sefa (3)"), "\(result.output)")
    let grid = folder.file("t.png")
    result = try run([
      "traverse", "--model", out, "--direction", "sefa:0-2,pca:1", "--steps", "3", "--out", grid,
      "--mp4", folder.file("t.mp4"), "--fps", "5",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("4×3 traversal"), "\(result.output)")
    // Four walks of −r, 0, +r, 0: 4 frames each, 16 × 16 faces upscaled ×4.
    let facts = try FFprobe.videoStream(folder.file("t.mp4"))
    #expect(facts.contains("nb_read_frames=16") && facts.contains("width=64"), "\(facts)")
    result = try run(["traverse", "--model", out, "--direction", "sefa:3", "--out", grid])
    #expect(result.status == 1 && result.error.contains("no sefa:3"), "\(result.error)")
    result = try run(["traverse", "--model", model, "--direction", "pca:0", "--out", grid])
    #expect(result.status == 1 && result.error.contains("latent directions"), "\(result.error)")
    result = try run(["traverse", "--model", out, "--direction", "pca:x", "--out", grid])
    #expect(result.status == 2, "\(result.error)")
  }

  @Test func bookmarksAreNamedPointsThatNeverTouchTheModel() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("small.safetensors")
    try FileManager.default.copyItem(atPath: try TestModel.path(), toPath: model)
    let before = try Data(contentsOf: URL(fileURLWithPath: model))
    var result = try run(["bookmark", "--model", model, "add", "start", "#2"])
    #expect(result.status == 0, "\(result.error)")
    result = try run(["bookmark", "add", "--model", model, "origin", "zero"])
    #expect(result.status == 0, "\(result.error)")
    // A bookmark names the same point as what it saved: the frames are the same bytes.
    func frames(from: String, name: String) throws -> Data {
      let out = folder.file(name)
      let result = try run([
        "interpolate", "--model", model, "--from", from, "--to", "seed:1", "--frames", "2", "--out",
        out,
      ])
      #expect(result.status == 0, "\(result.error)")
      return try Data(contentsOf: URL(fileURLWithPath: out + "/frame_001.png"))
    }
    #expect(try frames(from: "@start", name: "a") == frames(from: "#2", name: "b"))
    #expect(try frames(from: "@origin", name: "c") == frames(from: "zero", name: "d"))
    result = try run(["bookmark", "--model", model, "list"])
    #expect(
      result.output.hasPrefix("@start\t") && result.output.contains("@origin\t"), "\(result.output)"
    )
    result = try run(["bookmark", "--model", model, "remove", "start"])
    #expect(result.status == 0, "\(result.error)")
    result = try run([
      "interpolate", "--model", model, "--from", "@start", "--to", "zero", "--out",
      folder.file("e"),
    ])
    #expect(
      result.status == 1 && result.error.contains("small.bookmarks.json: has no bookmark 'start'"),
      "\(result.error)")
    // `encode --json` output imports as bookmarks named by the files.
    let face = folder.file("me.png")
    result = try run(["sample", "--model", model, "-n", "1", "--seed", "3", "--out", face])
    #expect(result.status == 0, "\(result.error)")
    result = try run(["encode", "--model", model, face, "--json"])
    let encoded = try folder.write(Array(result.output.utf8), to: "codes.json")
    result = try run(["bookmark", "--model", model, "import", encoded])
    #expect(result.status == 0 && result.output.contains("@me"), "\(result.error)")
    #expect(try frames(from: "@me", name: "f") == frames(from: face, name: "g"))
    result = try run(["bookmark", "--model", model, "import", encoded])
    #expect(
      result.status == 1 && result.error.contains("already a bookmark 'me'"), "\(result.error)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
  }

  @Test func interpolateWritesOneVideoFramePerFace() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let video = folder.file("walk.mp4")
    var result = try run([
      "interpolate", "--model", model, "--from", "zero", "--to", "seed:2", "--frames", "9",
      "--out", folder.file("frames"), "--mp4", video, "--fps", "24", "--scale", "3",
    ])
    #expect(result.status == 0, "\(result.error)")
    let facts = try FFprobe.videoStream(video)
    #expect(facts.contains("nb_read_frames=9"), "\(facts)")
    #expect(facts.contains("width=48") && facts.contains("height=48"), "\(facts)")
    // Without ffmpeg on PATH: one line that says what to install.
    result = try run(
      [
        "interpolate", "--model", model, "--from", "zero", "--to", "seed:2", "--out",
        folder.file("frames2"), "--mp4", folder.file("none.mp4"),
      ], environment: ["PATH": "/nonexistent"])
    #expect(result.status == 1, "\(result.error)")
    #expect(
      result.error.contains("none.mp4") && result.error.contains("install the package ffmpeg"),
      "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    result = try run([
      "interpolate", "--model", model, "--from", "zero", "--to", "seed:2", "--out",
      folder.file("x"), "--fps", "0",
    ])
    #expect(result.status == 2, "\(result.error)")
  }
}
