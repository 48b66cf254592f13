import FaceData
import FaceVAE
import Foundation
import BackgroundWork
import ImageIO
import TestSupport
import Testing

/// The explorer's `t` on a trained model: the model's own split and settings, Adam's stored
/// state or a warm-up, held-out ELBO figures, checkpoints of this run only, and revert.
@Suite("Retraining from the explorer", .serialized)
struct RetrainingTests {
  let config = try! VAEConfig.mlp(width: 8, height: 8, hidden: 16, latent: 3)

  func faces(_ count: Int, seed: UInt64 = 5) -> FaceDataset {
    SyntheticFaces.dataset(count: count, width: 8, height: 8, channels: 1, seed: seed)
  }

  /// A model trained 2 epochs with a record of 36 training and 4 held-out images, seed 9,
  /// KL warm-up over 3 epochs, flips and β 2; with Adam's state when `withState`.
  func trainedModel(withState: Bool) throws -> FaceModel {
    var settings = TrainingSettings()
    settings.epochs = 2
    settings.batchSize = 12
    settings.seed = 9
    settings.warmupEpochs = 3
    settings.horizontalFlips = true
    settings.beta = 2
    let vae = try VariationalAutoencoder(config: config, seed: 9)
    let trainer = Trainer(model: vae, settings: settings, trainingSet: faces(36))
    var record = TrainingRecord(
      data: "synthetic", images: 36, validationImages: 4, settings: settings)
    _ = trainer.run(epochFinished: { record.epochs.append($0) })
    return FaceModel(
      vae: vae, training: record, trainingState: withState ? trainer.currentState() : nil)
  }

  func explorerSettings(epochs: Int = 1) -> TrainingSettings {
    var settings = TrainingSettings()
    settings.epochs = epochs
    settings.batchSize = 8
    return settings
  }

  /// A record that names its held-out files holds out exactly those of the data (by folder and
  /// file name: `x/4` is not item 4), whatever the seeded split would pick; data without any
  /// of them gets the seeded split.
  @Test func thePlanHoldsOutTheFilesTheRecordNames() throws {
    let model = try trainedModel(withState: false)
    let dataset = faces(50)
    model.training?.heldOutFiles = [17, 3, 40].map { dataset.recordName(of: $0) } + ["x/4"]
    let plan = RetrainingPlan(model: model, dataset: dataset, explorerSettings: explorerSettings())
    #expect(plan.heldOutItems == [3, 17, 40])
    #expect(plan.trainingItems == (0..<50).filter { ![3, 17, 40].contains($0) })
    // The seeded split of 50 holds out 5: not these three.
    #expect(dataset.splitItems(validationFraction: 0.1, seed: 9).validation.count == 5)

    model.training?.heldOutFiles = ["elsewhere.png"]
    let seeded = RetrainingPlan(
      model: model, dataset: dataset, explorerSettings: explorerSettings())
    #expect(seeded.heldOutItems == dataset.splitItems(validationFraction: 0.1, seed: 9).validation)
  }

  @Test func thePlanHoldsOutTheRecordsShareWithItsSeedAndKeepsItsSettings() throws {
    let model = try trainedModel(withState: false)
    let dataset = faces(50)
    let plan = RetrainingPlan(model: model, dataset: dataset, explorerSettings: explorerSettings())
    // 4 of 40 → round(0.1 × 50) = 5 held out, the split `latent train --seed 9` makes.
    let expected = dataset.splitItems(validationFraction: 0.1, seed: 9)
    #expect(plan.heldOutItems == expected.validation && plan.trainingItems == expected.train)
    #expect(plan.heldOutItems.count == 5)
    #expect(Set(plan.heldOutItems).isDisjoint(with: plan.trainingItems))
    #expect(plan.settings.warmupEpochs == 3 && plan.settings.beta == 2)
    #expect(plan.settings.horizontalFlips && plan.settings.seed == 9)
    // Epochs and batch size are the explorer's.
    #expect(plan.settings.epochs == 1 && plan.settings.batchSize == 8)

    let job = plan.job(
      config: config, weights: model.vae.weightValues(), dataset: dataset, previousEpochs: 2,
      state: nil)
    #expect(job.dataset.count == 45 && job.validationSet?.count == 5)
    #expect(job.validationSet?.indices == plan.heldOutItems.map { dataset.indices[$0] })
    #expect(job.warmsUpLearningRate && job.resumingFrom == nil)
    let resumed = plan.job(
      config: config, weights: model.vae.weightValues(), dataset: dataset, previousEpochs: 2,
      state: try #require(try trainedModel(withState: true).trainingState))
    #expect(!resumed.warmsUpLearningRate && resumed.resumingFrom != nil)
  }

  @Test func aModelWithoutARecordHoldsOutATenthAndTooFewImagesHoldOutNone() throws {
    let model = FaceModel(vae: try VariationalAutoencoder(config: config, seed: 1))
    let plan = RetrainingPlan(
      model: model, dataset: faces(30), explorerSettings: explorerSettings())
    #expect(plan.heldOutItems.count == 3 && plan.trainingItems.count == 27)
    let one = RetrainingPlan(model: model, dataset: faces(1), explorerSettings: explorerSettings())
    #expect(one.heldOutItems.isEmpty && one.trainingItems == [0])
  }

  @Test func aRunWithStoredStateSaysSoAndReportsStartNowAndBest() throws {
    let model = try trainedModel(withState: true)
    let stored = try #require(model.trainingState)
    let dataset = faces(50)
    let plan = RetrainingPlan(
      model: model, dataset: dataset, explorerSettings: explorerSettings(epochs: 3))
    let queue = TrainingQueue()
    let folder = try TemporaryFolder()
    var job = plan.job(
      config: config, weights: model.vae.weightValues(), dataset: dataset, previousEpochs: 2,
      state: stored)
    job.checkpointPath = folder.file("m.ckpt.safetensors")
    #expect(queue.start(job))
    queue.waitUntilIdle()
    let status = queue.status()
    #expect(status.optimizerStart == .restored(step: stored.optimizerSteps))
    // The start is the held-out ELBO of the opened weights, before any step.
    let opened = Trainer.evaluate(
      model: model.vae, images: dataset.subset(plan.heldOutItems), batchSize: 8)
    #expect(status.heldOutELBO.start == opened.elbo)
    let snapshot = try #require(queue.latestSnapshot())
    let validation = snapshot.epochs.compactMap(\.validationELBO)
    #expect(validation.count == 3)
    #expect(status.heldOutELBO.now == validation.last)
    #expect(status.heldOutELBO.best == ([opened.elbo] + validation).max())
    // The checkpoint continues exactly: Adam's state after the 3 epochs' steps (6 each).
    let checkpoint = try FaceModel.load(from: folder.file("m.ckpt.safetensors"))
    #expect(checkpoint.trainingState?.optimizerSteps == stored.optimizerSteps + 3 * 6)
    #expect(status.checkpointPath == folder.file("m.ckpt.safetensors"))
    #expect(status.checkpointEpoch == 5)
    #expect(queue.stateAfterLastRun() == checkpoint.trainingState)
  }

  @Test func withoutStoredStateTheRunWarmsUp() throws {
    let model = try trainedModel(withState: false)
    let dataset = faces(50)
    let plan = RetrainingPlan(model: model, dataset: dataset, explorerSettings: explorerSettings())
    let queue = TrainingQueue()
    queue.start(
      plan.job(
        config: config, weights: model.vae.weightValues(), dataset: dataset, previousEpochs: 2,
        state: nil))
    queue.waitUntilIdle()
    #expect(queue.status().optimizerStart == .warmUp)
    // A fresh Adam took this run's steps only.
    #expect(queue.stateAfterLastRun()?.optimizerSteps == 6)
  }

  @Test func aCancelledRunNeverReportsAnEarlierRunsCheckpoint() throws {
    let folder = try TemporaryFolder()
    let vae = try VariationalAutoencoder(config: config, seed: 1)
    var settings = TrainingSettings()
    settings.epochs = 1
    settings.batchSize = 16
    let queue = TrainingQueue()
    let first = TrainingJob(
      config: config, weights: vae.weightValues(), dataset: faces(32), settings: settings,
      checkpointPath: folder.file("a.ckpt.safetensors"))
    queue.start(first)
    queue.waitUntilIdle()
    #expect(queue.status().checkpointPath == folder.file("a.ckpt.safetensors"))
    // A second run, cancelled long before its first epoch (4096 steps) ends.
    settings.epochs = 100
    settings.batchSize = 1
    var second = TrainingJob(
      config: config, weights: vae.weightValues(), dataset: faces(4096), settings: settings,
      checkpointPath: folder.file("b.ckpt.safetensors"))
    second.publishEverySteps = 0
    queue.start(second)
    queue.cancel()
    queue.waitUntilIdle()
    let status = queue.status()
    guard case .finished(.cancelled(1, let step)) = status.phase else {
      Issue.record("expected a run cancelled in its first epoch, got \(status.phase)")
      return
    }
    #expect(status.checkpointPath == nil && status.checkpointEpoch == nil)
    // Its last steps are published, so that `w` keeps the weights the run ended with.
    if step > 0 { #expect(queue.latestSnapshot()?.values != vae.weightValues()) }
  }

  @Test func forgettingRunsDropsTheirWeightsAndState() throws {
    let vae = try VariationalAutoencoder(config: config, seed: 1)
    var settings = TrainingSettings()
    settings.epochs = 1
    settings.batchSize = 16
    let queue = TrainingQueue()
    queue.start(
      TrainingJob(
        config: config, weights: vae.weightValues(), dataset: faces(32), settings: settings))
    queue.waitUntilIdle()
    #expect(queue.latestSnapshot() != nil && queue.stateAfterLastRun() != nil)
    #expect(queue.forgetRuns())
    #expect(queue.latestSnapshot() == nil && queue.stateAfterLastRun() == nil)
    #expect(queue.status().phase == .finished(.completed))
  }

  /// The bundled model, retrained one epoch on one of its two training folders as `t` does with
  /// the explorer's defaults (batch 32, 1 thread): it holds out the files of that folder its
  /// record names, and the held-out ELBO after the epoch is no worse than the model's recorded
  /// validation ELBO (over both folders' held-out faces).
  @Test(.timeLimit(.minutes(3)), SharedDatasets.required("frl_faces_color_128"))
  func retrainingTheBundledModelEndsNoWorseThanItsRecord() throws {
    let model = try FaceModel.load(
      from: LatentBinary.packageRoot.appendingPathComponent("Models/faces64.safetensors").path)
    let recorded = try #require(model.training?.epochs.last?.validationELBO)
    let config = model.config
    let dataset = try FaceDataSource(argument: SharedDatasets.path("frl_faces_color_128")).load(
      preprocessing: Preprocessing(
        width: config.width, height: config.height, channels: config.channels)
    ).dataset
    var settings = TrainingSettings()
    settings.epochs = 1
    settings.batchSize = 32
    let plan = RetrainingPlan(model: model, dataset: dataset, explorerSettings: settings)
    // The 24 faces of this folder the model held out (its record names them; the card lists
    // them in Models/faces64-held-out.txt), not whatever the seeded split picks today.
    let listed = try String(
      contentsOf: LatentBinary.packageRoot.appendingPathComponent("Models/faces64-held-out.txt"),
      encoding: .utf8
    ).split(separator: "\n").map(String.init)
    #expect(plan.heldOutItems == dataset.items(named: Set(listed)))
    #expect(plan.heldOutItems.count == 24)
    let queue = TrainingQueue()
    queue.start(
      plan.job(
        config: config, weights: model.vae.weightValues(), dataset: dataset,
        previousEpochs: model.training?.epochs.count ?? 0, state: model.trainingState))
    queue.waitUntilIdle()
    let status = queue.status()
    #expect(status.phase == .finished(.completed))
    let start = try #require(status.heldOutELBO.start)
    let end = try #require(status.heldOutELBO.now)
    print(
      "faces64 retrained 1 epoch (\(status.optimizerStart.map { "\($0)" } ?? "fresh")): "
        + "held-out ELBO \(start) at start, \(end) after; the model's record \(recorded)")
    #expect(end >= recorded)
  }
}
