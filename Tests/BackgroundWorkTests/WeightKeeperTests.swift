import FaceData
import FaceVAE
import Dispatch
import Foundation
import BackgroundWork
import TestSupport
import Testing

/// `w`: trained weights go to a new file beside the model unless overwriting was confirmed,
/// in the loaded file's precision, with a truthful training record.
@Suite("Keeping trained weights", .serialized)
struct WeightKeeperTests {
  let config = try! VAEConfig.mlp(width: 8, height: 8, hidden: 16, latent: 3)

  /// A model trained for 2 epochs on 48 synthetic faces ("first"), saved as F16 in `folder`;
  /// a 1-epoch run's snapshot on other faces ("second", batch 8); the keeper for both.
  func setUp(_ folder: TemporaryFolder) throws -> (WeightKeeper, WeightSnapshot, String) {
    var settings = TrainingSettings()
    settings.epochs = 2
    settings.batchSize = 16
    let first = SyntheticFaces.dataset(count: 48, width: 8, height: 8, channels: 1, seed: 1)
    let trained = try TinyModel.trained(
      config, seed: 3, on: first, named: "first", settings: settings)
    let path = folder.file("faces.safetensors")
    try trained.save(to: path, halfPrecision: true)
    let loaded = try FaceModel.load(from: path)
    let second = SyntheticFaces.dataset(count: 40, width: 8, height: 8, channels: 1, seed: 2)
    var run = TrainingSettings()
    run.epochs = 1
    run.batchSize = 8
    let queue = TrainingQueue()
    #expect(
      queue.start(
        TrainingJob(
          config: config, weights: loaded.vae.weightValues(), dataset: second, settings: run,
          previousEpochs: 2)))
    queue.waitUntilIdle()
    let snapshot = try #require(queue.latestSnapshot())
    let keeper = WeightKeeper(
      modelPath: path, model: loaded, dataDescription: "second", dataset: second, settings: run)
    return (keeper, snapshot, path)
  }

  @Test func withoutConfirmationTheOpenedFileKeepsItsBytesAndNewFilesAreNumbered() throws {
    let folder = try TemporaryFolder()
    let (keeper, snapshot, path) = try setUp(folder)
    let original = try Data(contentsOf: URL(fileURLWithPath: path))
    let first = try keeper.keep(snapshot, overwrite: false).get()
    let second = try keeper.keep(snapshot, overwrite: false).get()
    #expect(first == folder.file("faces.1.safetensors"))
    #expect(second == folder.file("faces.2.safetensors"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
    // The new file holds the new weights (to F16 precision), stored as F16 like the original.
    let kept = try FaceModel.load(from: first)
    #expect(kept.storesHalfPrecision)
    let difference =
      zip(kept.vae.weightValues().joined(), snapshot.values.joined()).map {
        abs($0 - $1)
      }.max() ?? 1
    #expect(difference < 1e-2)
  }

  @Test func confirmedOverwritingReplacesTheFileWithATruthfulRecord() throws {
    let folder = try TemporaryFolder()
    let (keeper, snapshot, path) = try setUp(folder)
    let before = try FaceModel.load(from: path)
    #expect(try keeper.keep(snapshot, overwrite: true).get() == path)
    let after = try FaceModel.load(from: path)
    #expect(after.storesHalfPrecision)
    #expect(!FileManager.default.fileExists(atPath: folder.file("faces.1.safetensors")))
    let record = try #require(after.training)
    #expect(record.data == "first, then second")
    #expect(record.settings.batchSize == 8 && record.images == 40)
    #expect(record.epochs.map(\.epoch) == [1, 2, 3])
    // KL and the stored codes come from the new weights on the new data.
    #expect(after.storedFaces == 40)
    #expect(after.klPerDimension != nil && after.klPerDimension != before.klPerDimension)

    // Images the runs held out are counted as held out, not as trained on.
    var holdingOut = keeper
    holdingOut.heldOutImages = 4
    holdingOut.heldOutFiles = ["1_01.png", "2_02.png", "3_03.png", "4_04.png"]
    let beside = try FaceModel.load(from: try holdingOut.keep(snapshot, overwrite: false).get())
    #expect(beside.training?.images == 36 && beside.training?.validationImages == 4)
    // … and named, so that the next run holds out the same faces.
    #expect(beside.training?.heldOutFiles == holdingOut.heldOutFiles)
  }

  /// `w` saves on the saver's queue: the caller returns at once, a second save is refused
  /// while one goes, and the outcome is handed over once, after which the file loads.
  @Test func theSaverSavesInTheBackgroundOneAtATime() throws {
    let folder = try TemporaryFolder()
    let (keeper, snapshot, _) = try setUp(folder)
    let queue = DispatchQueue(label: "test.weight-saver")
    queue.suspend()  // holds the save, so "while saving" is not a race
    let finished = DispatchSemaphore(value: 0)
    let saver = WeightSaver(queue: queue) { finished.signal() }
    #expect(saver.start(keeper, snapshot: snapshot, overwrite: false))
    #expect(saver.isSaving)
    #expect(!saver.start(keeper, snapshot: snapshot, overwrite: true))
    #expect(saver.takeResult() == nil)
    #expect(!FileManager.default.fileExists(atPath: folder.file("faces.1.safetensors")))
    queue.resume()
    finished.wait()
    #expect(!saver.isSaving)
    #expect(try saver.takeResult()?.get() == folder.file("faces.1.safetensors"))
    #expect(saver.takeResult() == nil)
    #expect(
      try FaceModel.load(from: folder.file("faces.1.safetensors")).training?.data
        == "first, then second")
  }

  /// `w` then `y` after another process saved the model file: that file stays as it is and
  /// the weights go beside it, and the message says why.
  @Test func overwritingAFileAnotherProcessChangedGoesBesideIt() throws {
    let folder = try TemporaryFolder()
    let (keeper, snapshot, path) = try setUp(folder)
    // Another explorer or `train --out` saves the file after this one opened it.
    try FaceModel.load(from: path).save(to: path, halfPrecision: false)
    let theirBytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let message = try keeper.keep(snapshot, overwrite: true).get()
    let beside = folder.file("faces.1.safetensors")
    #expect(message.hasPrefix(beside + " (") && message.contains("changed since it was opened"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == theirBytes)
    #expect(try FaceModel.load(from: beside).training?.data == "first, then second")
  }
}
