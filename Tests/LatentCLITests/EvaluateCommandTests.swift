import Foundation
import TestSupport
import Testing

@Suite("latent evaluate and training on several folders, run as a user would")
struct EvaluateCommandTests {
  /// The number after `key ` in a tab-separated `latent evaluate` line.
  func figure(_ key: String, in line: Substring) -> Double? {
    line.split(separator: "\t").first { $0.hasPrefix(key + " ") }.flatMap {
      Double($0.dropFirst(key.count + 1).prefix { $0 != "/" && $0 != " " })
    }
  }

  @Test func twoFoldersTrainTogetherEachSplitOnItsOwn() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("two.safetensors")
    let train = try LatentProcess.run([
      "train", "--data", "synthetic:100", "--data", "synthetic:60:2", "--size", "16", "--latent",
      "4", "--epochs", "1", "--threads", "1", "--validation", "0.25", "--seed", "3",
      "--out", model,
    ])
    #expect(train.status == 0, "\(train.error)")
    // 25 of the first folder's 100 and 15 of the second's 60 held out.
    #expect(train.error.contains("on 120 images, 40 held out"))
    let info = try LatentProcess.run(["info", model, "--json"])
    let json = try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any]
    let training = json?["training"] as? [String: Any]
    #expect(training?["data"] as? String == "synthetic:100 + synthetic:60:2")
    #expect(training?["validation_images"] as? Int == 40)
    // Their file names, for the explorer's retraining to hold out the same faces.
    #expect((training?["held_out_files"] as? [String])?.count == 40)

    // The held-out faces evaluate as training measured them (same split, same weights).
    let epochs = try #require(training?["epochs"] as? [[String: Any]])
    let recorded = try #require(epochs.last?["val_elbo"] as? Double)
    let evaluate = try LatentProcess.run([
      "evaluate", "--model", model, "--data", "synthetic:100", "--data", "synthetic:60:2",
      "--validation", "0.25", "--seed", "3",
    ])
    #expect(evaluate.status == 0, "\(evaluate.error)")
    let lines = evaluate.output.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(
      lines.map { $0.split(separator: "\t").first } == ["synthetic:100", "synthetic:60:2", "all"])
    #expect(
      lines.map { $0.split(separator: "\t")[1] } == [
        "25 held-out faces", "15 held-out faces", "40 held-out faces",
      ])
    let all = try #require(lines.last)
    #expect(abs(try #require(figure("ELBO", in: all)) - recorded) < 0.05)
    let trainedMAE = train.error.split(separator: "\n").first {
      $0.contains("mean absolute pixel error")
    }
    let printed = trainedMAE.flatMap { $0.split(separator: "(").last?.split(separator: " ").first }
    let mae = try #require(figure("MAE", in: all))
    #expect(abs(mae - (try #require(printed.flatMap { Double($0) }))) < 0.051)
    // The whole is the image-weighted mean of the parts (MAE), and its PSNR comes from the
    // pooled squared error: 10·log₁₀(1 / MSE) with MSE the weighted mean of the parts'.
    let parts = lines.prefix(2)
    let maes = parts.compactMap { figure("MAE", in: $0) }
    #expect(abs((maes[0] * 25 + maes[1] * 15) / 40 - mae) < 0.002)
    let squared = parts.compactMap { figure("PSNR", in: $0) }.map { pow(10, -$0 / 10) }
    let pooled = -10 * log10((squared[0] * 25 + squared[1] * 15) / 40)
    #expect(abs(pooled - (try #require(figure("PSNR", in: all)))) < 0.002)
  }

  /// Without options, evaluate takes the faces the model's record names as held out, not a
  /// default tenth.
  @Test func evaluateTakesTheHeldOutFilesTheModelRecords() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("one.safetensors")
    let train = try LatentProcess.run([
      "train", "--data", "synthetic:100", "--size", "16", "--latent", "4", "--epochs", "1",
      "--threads", "1", "--validation", "0.25", "--seed", "3", "--out", model,
    ])
    #expect(train.status == 0, "\(train.error)")
    let info = try LatentProcess.run(["info", model, "--json"])
    let json = try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any]
    let training = json?["training"] as? [String: Any]
    let epochs = try #require(training?["epochs"] as? [[String: Any]])
    let recorded = try #require(epochs.last?["val_elbo"] as? Double)
    let evaluate = try LatentProcess.run(["evaluate", "--model", model, "--data", "synthetic:100"])
    #expect(evaluate.status == 0, "\(evaluate.error)")
    let line = try #require(evaluate.output.split(separator: "\n").first)
    #expect(line.split(separator: "\t")[1] == "25 held-out faces")
    #expect(abs(try #require(figure("ELBO", in: line)) - recorded) < 0.05)

    // Resumed with the default --validation 0.1, it still holds out its 25 faces.
    let resumed = try LatentProcess.run([
      "train", "--resume", model, "--data", "synthetic:100", "--epochs", "1", "--threads", "1",
      "--out", folder.file("two.safetensors"),
    ])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(resumed.error.contains("on 75 images, 25 held out"), "\(resumed.error)")
  }

  @Test func badFolderCountsAreUsageErrors() throws {
    let twoMetadata = try LatentProcess.run([
      "train", "--data", "synthetic:40", "--data", "synthetic:40:2", "--data", "synthetic:40:3",
      "--metadata", "a.csv", "--metadata", "b.csv", "--attribute", "x=gender:female",
      "--out", "x.safetensors",
    ])
    #expect(twoMetadata.status == 2)
    #expect(twoMetadata.error.contains("one per --data (3), not 2"))
    let noneHeldOut = try LatentProcess.run([
      "evaluate", "--model", try TestModel.path(), "--data", "synthetic:3", "--validation", "0.1",
    ])
    #expect(noneHeldOut.status == 1)
    let folder = try TemporaryFolder()
    let list = folder.file("held-out.txt")
    #expect(FileManager.default.createFile(atPath: list, contents: Data("nowhere.png\n".utf8)))
    let unknown = try LatentProcess.run([
      "evaluate", "--model", try TestModel.path(), "--data", "synthetic:20", "--hold-out", list,
    ])
    #expect(unknown.status == 1)
    #expect(unknown.error.contains("held-out.txt: names nowhere.png, which no --data folder holds"))
    #expect(noneHeldOut.error.contains("synthetic:3: no faces held out"))
  }
}
