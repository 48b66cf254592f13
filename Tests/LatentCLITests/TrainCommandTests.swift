import Foundation
import TestSupport
import Testing

@Suite("latent train and info, run as a user would")
struct TrainCommandTests {
  @Test func trainsSavesAndDescribesAModel() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("s.safetensors")
    let preview = folder.file("p.png")
    let train = try LatentProcess.run([
      "train", "--data", "synthetic:120", "--size", "16", "--latent", "4", "--epochs", "3",
      "--batch", "32", "--threads", "1", "--out", model, "--preview", preview,
    ])
    #expect(train.status == 0, "\(train.error)")
    #expect(train.error.contains("epoch 3/3"))
    #expect(FileManager.default.fileExists(atPath: preview))
    let info = try LatentProcess.run(["info", model, "--json"])
    #expect(info.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any]
    let config = json?["config"] as? [String: Any]
    #expect(config?["latent_dim"] as? Int == 4)
    #expect(config?["height"] as? Int == 16)
    #expect(json?["stored_faces"] as? Int == 108)  // 120 images, 10% held out
    let training = json?["training"] as? [String: Any]
    #expect((training?["epochs"] as? [Any])?.count == 3)
  }

  /// Synthetic faces carry a file index (1 = smiling), so `smile=index:1` has two sides.
  @Test func storesAttributeDirectionsItIsAskedFor() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("a.safetensors")
    let train = try LatentProcess.run([
      "train", "--data", "synthetic:100", "--size", "16", "--latent", "4", "--epochs", "1",
      "--threads", "1", "--attribute", "smile=index:1", "--out", model,
    ])
    #expect(train.status == 0, "\(train.error)")
    #expect(train.error.contains("attribute smile:"))
    let info = try LatentProcess.run(["info", model, "--json"])
    let json = try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any]
    #expect(json?["attributes"] as? [String] == ["smile"])
  }

  @Test func badArgumentsAreUsageErrors() throws {
    for arguments in [
      ["train", "--out", "x.safetensors"],  // no --data
      ["train", "--data", "synthetic", "--out", "x.safetensors", "--epochs", "0"],
      ["train", "--data", "synthetic", "--out", "x.safetensors", "--size", "12x"],
      ["info"],
      [
        "train", "--data", "synthetic", "--out", "x.safetensors", "--attribute",
        "smile=gender:female",
      ],
      ["train", "--data", "synthetic", "--out", "x.safetensors", "--attribute", "=index:1"],
      ["frobnicate"],
    ] {
      let result = try LatentProcess.run(arguments)
      #expect(result.status == 2, "\(arguments): \(result.status) \(result.error)")
      #expect(!result.error.isEmpty)
    }
  }

  @Test func missingOrCorruptModelsNameTheFile() throws {
    let folder = try TemporaryFolder()
    let missing = folder.file("none.safetensors")
    let corrupt = folder.file("bad.safetensors")
    FileManager.default.createFile(atPath: corrupt, contents: Data("not a model".utf8))
    for path in [missing, corrupt] {
      let result = try LatentProcess.run(["info", path])
      #expect(result.status == 1)
      #expect(result.error.contains(path))
      #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    }
    let empty = try TemporaryFolder()
    let noImages = try LatentProcess.run([
      "train", "--data", empty.path, "--out", folder.file("m.safetensors"),
    ])
    #expect(noImages.status == 1)
    #expect(noImages.error.contains(empty.path))
  }

  @Test func ctrlCSavesACheckpointThatLoads() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("c.safetensors")
    let result = try LatentProcess.run(
      [
        "train", "--data", "synthetic:400", "--size", "16", "--latent", "4", "--epochs", "500",
        "--batch", "16", "--threads", "1", "--out", model,
      ], interruptWhen: "epoch 2/500")
    #expect(result.status == 130, "\(result.error)")
    #expect(result.error.contains("stopped in epoch"))
    let info = try LatentProcess.run(["info", model])
    #expect(info.status == 0, "\(info.error)")
    #expect(info.output.contains("epochs"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["c.safetensors"])
  }

  /// A second Ctrl-C while the first one's save is under way waits for it.
  @Test func aSecondCtrlCStillSavesTheModel() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("c.safetensors")
    let result = try LatentProcess.run(
      [
        "train", "--data", "synthetic:400", "--size", "16", "--latent", "4", "--epochs", "500",
        "--batch", "16", "--threads", "1", "--out", model,
      ], interruptWhen: "epoch 2/500", interrupts: 2)
    #expect(result.status == 130, "\(result.error)")
    #expect(try LatentProcess.run(["info", model]).status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["c.safetensors"])
  }

  /// Ctrl-C pressed again and again while the process exits after its save ends it with
  /// 130 all the same (a flag released before the process ended made such a signal crash it).
  @Test func interruptsDuringTheExitAfterTheSaveAreHarmless() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("c.safetensors")
    let result = try LatentProcess.run(
      [
        "train", "--data", "synthetic:400", "--size", "16", "--latent", "4", "--epochs", "500",
        "--batch", "16", "--threads", "1", "--out", model,
      ], interruptWhen: "epoch 2/500", floodInterruptsWhen: "stopped in epoch")
    #expect(result.status == 130, "\(result.error)")
    #expect(try LatentProcess.run(["info", model]).status == 0)
  }

  /// A folder that does not exist is found before the data is loaded or an epoch runs.
  @Test func anUnwritableOutIsFoundBeforeTraining() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("missing/m.safetensors")
    let result = try LatentProcess.run([
      "train", "--data", "synthetic:400", "--size", "16", "--latent", "4", "--epochs", "50",
      "--threads", "1", "--out", model,
    ])
    #expect(result.status == 1, "\(result.error)")
    #expect(result.error.contains(model + ": cannot save here"), "\(result.error)")
    #expect(!result.error.contains("epoch"), "\(result.error)")
  }

  /// A save removes the temporary files of earlier saves whose process was killed.
  @Test func staleTemporaryFilesAreRemoved() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("t.safetensors")
    // PID 2^22 + 1 is above Linux's largest (pid_max is at most 2^22), so no process has it.
    let stale = folder.file(".t.safetensors.tmp-4194305-1a2b")
    let alive = folder.file(".t.safetensors.tmp-1-3c4d")  // init lives
    for path in [stale, alive] { FileManager.default.createFile(atPath: path, contents: Data()) }
    let result = try LatentProcess.run([
      "train", "--data", "synthetic:40", "--size", "16", "--latent", "4", "--epochs", "1",
      "--threads", "1", "--out", model,
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        == [".t.safetensors.tmp-1-3c4d", "t.safetensors"])
  }
}
