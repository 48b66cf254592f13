import Foundation
import Glibc
import TestSupport
import Testing

@Suite("latent train: checkpoints, exact resume, kills")
struct CheckpointCommandTests {
  /// 120 synthetic faces: 108 to train on (4 steps of 32), 12 held out.
  static let small = [
    "train", "--data", "synthetic:120", "--size", "16", "--latent", "4", "--batch", "32",
    "--threads", "1",
  ]

  /// Every tensor's bytes in a model file (weights, Adam's moments, statistics, codes): the
  /// file without its header, whose training record holds timings.
  func tensorBytes(_ path: String) throws -> Data {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let headerLength = data.prefix(8).enumerated().reduce(0) {
      $0 | Int($1.element) << (8 * $1.offset)
    }
    return data.dropFirst(8 + headerLength)
  }

  /// `latent info --json` of `path`.
  func info(_ path: String) throws -> [String: Any] {
    let info = try LatentProcess.run(["info", path, "--json"])
    #expect(info.status == 0, "\(info.error)")
    return try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any] ?? [:]
  }

  @Test func twoEpochsAndAResumedOneEndWhereThreeStraightEnd() throws {
    let folder = try TemporaryFolder()
    let straight = folder.file("straight.safetensors")
    let stopped = folder.file("stopped.safetensors")
    #expect(try LatentProcess.run(Self.small + ["--epochs", "3", "--out", straight]).status == 0)
    #expect(try LatentProcess.run(Self.small + ["--epochs", "2", "--out", stopped]).status == 0)
    #expect(try info(stopped)["optimizer_steps"] as? Int == 8)
    let resumed = try LatentProcess.run(
      Self.small + ["--epochs", "1", "--resume", stopped, "--out", stopped])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(!resumed.error.contains("warms up"), "\(resumed.error)")
    #expect(resumed.error.contains("epoch 3/3"), "\(resumed.error)")
    let json = try info(stopped)
    #expect(json["optimizer_steps"] as? Int == 12)
    #expect(((json["training"] as? [String: Any])?["epochs"] as? [Any])?.count == 3)
    #expect(try tensorBytes(stopped) == tensorBytes(straight))
  }

  @Test func droppingTheOptimizerStateLeavesTheWeightsAndShrinksTheFile() throws {
    let folder = try TemporaryFolder()
    let kept = folder.file("kept.safetensors")
    let dropped = folder.file("dropped.safetensors")
    #expect(try LatentProcess.run(Self.small + ["--epochs", "1", "--out", kept]).status == 0)
    let run = try LatentProcess.run(
      Self.small + ["--epochs", "1", "--drop-optimizer-state", "--out", dropped])
    #expect(run.status == 0, "\(run.error)")
    #expect(try info(kept)["optimizer_steps"] as? Int == 4)
    #expect(try info(dropped)["optimizer_steps"] as? Int == nil)
    // Adam's two moments are two more copies of the weights.
    let parameters = try #require(info(kept)["parameters"] as? Int)
    #expect(try tensorBytes(kept).count - tensorBytes(dropped).count >= 2 * 4 * parameters)
    let resumed = try LatentProcess.run(
      Self.small + ["--epochs", "1", "--resume", dropped, "--out", dropped])
    #expect(resumed.error.contains("has no optimizer state"), "\(resumed.error)")
  }

  /// The bundled model was saved without Adam's state: a resume says so and warms up.
  @Test func aModelWithoutOptimizerStateWarmsUpAndGainsOne() throws {
    let folder = try TemporaryFolder()
    let out = folder.file("more.safetensors")
    let result = try LatentProcess.run([
      "train", "--data", "synthetic:8", "--epochs", "1", "--threads", "1",
      "--resume", "Models/faces64.safetensors", "--out", out,
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(
      result.error.contains(
        "Models/faces64.safetensors has no optimizer state: the learning rate warms up over the first epoch"
      ), "\(result.error)")
    #expect(try info(out)["optimizer_steps"] as? Int == 1)
    let text = try LatentProcess.run(["info", "Models/faces64.safetensors"])
    #expect(text.output.contains("optimizer  none stored"), "\(text.output)")
  }

  /// SIGKILL at random moments of a run that checkpoints every epoch: the file at --out is
  /// always absent or a model that loads, and the next save clears the killed runs' temporary
  /// files.
  @Test func killedRunsLeaveALoadableModelOrNone() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("k.safetensors")
    let arguments = [
      "train", "--data", "synthetic:400", "--size", "16", "--latent", "4", "--epochs", "1000",
      "--batch", "16", "--threads", "1", "--checkpoint-every", "1", "--out", model,
    ]
    var loadable = 0
    for round in 0..<5 {
      // The last round waits long enough for some checkpoints whatever the machine's load.
      let delay = round == 4 ? 1.5 : Double.random(in: 0.1...1.0)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: try LatentBinary.located())
      process.arguments = arguments
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal, "the run ended before the kill")
      guard FileManager.default.fileExists(atPath: model) else { continue }
      let info = try LatentProcess.run(["info", model])
      #expect(info.status == 0, "after a kill at \(delay) s: \(info.error)")
      loadable += 1
    }
    #expect(loadable > 0)
    let resumed = try LatentProcess.run([
      "train", "--data", "synthetic:400", "--epochs", "1", "--batch", "16", "--threads", "1",
      "--resume", model, "--out", model,
    ])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["k.safetensors"])
  }
}
