import Foundation
import TestSupport
import Testing

/// The code files the explorer writes beside exported faces (`face_001.json`) name points for
/// `interpolate` and `traverse`.
@Suite("code files as points on the command line")
struct CodeFileCommandTests {
  func codeFile(
    _ code: [Float], dimensions: Int? = nil, model: String = "small", in folder: TemporaryFolder,
    name: String
  ) throws -> String {
    let numbers = code.map { "\($0)" }.joined(separator: ", ")
    let text =
      "{\"format\": \"latent-code\", \"model\": \"\(model)\", \"dimensions\": \(dimensions ?? code.count), "
      + "\"code\": [\(numbers)]}"
    return try folder.write(Array(text.utf8), to: name)
  }

  /// The bytes of the frames `interpolate` writes from `from` to `to`.
  func frames(from: String, to: String, model: String, folder: TemporaryFolder, name: String)
    throws -> [Data]
  {
    let out = folder.file(name)
    let result = try LatentProcess.run([
      "interpolate", "--model", model, "--from", from, "--to", to, "--frames", "3", "--out", out,
    ])
    #expect(result.status == 0, "\(result.error)")
    return try ["frame_001.png", "frame_003.png"].map {
      try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0))
    }
  }

  @Test func aCodeFileIsThePointItHolds() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let zero = try codeFile([0, 0, 0, 0], in: folder, name: "zero.json")
    let moved = try codeFile([2.5, -1, 0.25, 1], in: folder, name: "moved.json")
    let named = try frames(from: "zero", to: "seed:1", model: model, folder: folder, name: "a")
    let fromFile = try frames(from: zero, to: "seed:1", model: model, folder: folder, name: "b")
    #expect(fromFile == named)
    let fromMoved = try frames(from: moved, to: "seed:1", model: model, folder: folder, name: "c")
    #expect(fromMoved[0] != named[0])
  }

  @Test func aBadCodeFileIsRefusedNamingIt() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let short = try codeFile([0, 1], in: folder, name: "short.json")
    let miscounted = try codeFile([0, 1, 2, 3], dimensions: 5, in: folder, name: "count.json")
    let broken = try folder.write(
      Array("{\"format\": \"latent-code\", \"code\": [1,".utf8), to: "broken.json")
    let other = try folder.write(Array("[1, 2, 3, 4]".utf8), to: "other.json")
    for (path, problem) in [
      (short, "2 dimensions"), (miscounted, "\"dimensions\""), (broken, "not a code file"),
      (other, "not a code file"), (folder.file("missing.json"), "missing.json"),
    ] {
      let result = try LatentProcess.run([
        "traverse", "--model", model, "--around", path, "--out", folder.file("t.png"),
      ])
      #expect(result.status == 1, "\(path): \(result.error)")
      #expect(result.error.contains(path) && result.error.contains(problem), "\(result.error)")
      #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    }
  }

  /// `explore --code` checks the file before it needs a terminal: a wrong file is one line
  /// naming it (exit 1); a right one gets as far as asking for a terminal (exit 2).
  @Test func exploreOpensAtACodeFileOfItsModelOnly() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let right = try codeFile([0.5, -1, 0, 2], in: folder, name: "face_001.json")
    // Weights kept beside the model (`small.1.safetensors`) are the same model's.
    let kept = try codeFile([0, 0, 0, 1], model: "small.1", in: folder, name: "kept.json")
    let short = try codeFile([0, 1], in: folder, name: "short.json")
    let otherModel = try codeFile([0, 0, 0, 0], model: "faces64", in: folder, name: "other.json")
    let broken = try folder.write(Array("{\"format\": \"latent-code\", [".utf8), to: "bad.json")
    for (path, problem) in [
      (short, "2 dimensions"), (otherModel, "'faces64'"), (broken, "not a code file"),
      (folder.file("missing.json"), "missing.json"),
    ] {
      let result = try LatentProcess.run(["explore", "--model", model, "--code", path])
      #expect(result.status == 1, "\(path): \(result.error)")
      #expect(result.error.contains(path) && result.error.contains(problem), "\(result.error)")
      #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    }
    for path in [right, kept] {
      let result = try LatentProcess.run(["explore", "--model", model, "--code", path])
      #expect(result.status == 2 && result.error.contains("terminal"), "\(result.error)")
    }
    let missingValue = try LatentProcess.run(["explore", "--model", model, "--code"])
    #expect(missingValue.status == 2, "\(missingValue.error)")
  }
}
