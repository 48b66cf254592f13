import FaceData
import FaceVAE

/// How the explorer's `t` continues the opened model on the `--data` images, so that a run
/// never starts from worse footing than the model's own training: the same held-out faces
/// (the files the training record names when the data holds any of them, else the split of
/// the record's fraction and seed), the recorded optimizer settings, β,
/// KL warm-up and flips, and Adam's stored state when the file has it (else a learning-rate
/// warm-up over the first epoch, as `latent train --resume` does).
package struct RetrainingPlan: Sendable {
  /// The dataset images the runs train on (ascending).
  package var trainingItems: [Int]
  /// The held-out images (ascending): never trained on, evaluated before and after each
  /// epoch, and shown reconstructed on the screen.
  package var heldOutItems: [Int]
  /// How the runs train.
  package var settings: TrainingSettings

  /// The fraction held out when the model has no training record (as `latent train`).
  package static let defaultHeldOutFraction = 0.1

  /// The plan for `model` on `dataset`; `explorerSettings` gives the epochs, batch size and
  /// threads of each run (`latent explore --epochs --batch-size`), the model's training record
  /// the rest.
  package init(model: FaceModel, dataset: FaceDataset, explorerSettings: TrainingSettings) {
    var settings = explorerSettings
    var fraction = Self.defaultHeldOutFraction
    if let record = model.training {
      settings.optimizer = record.settings.optimizer
      settings.beta = record.settings.beta
      settings.warmupEpochs = record.settings.warmupEpochs
      settings.horizontalFlips = record.settings.horizontalFlips
      settings.seed = record.settings.seed
      let total = record.images + record.validationImages
      if total > 0 { fraction = Double(record.validationImages) / Double(total) }
    }
    let split = dataset.splitItems(
      validationFraction: fraction, seed: settings.seed,
      holdingOut: dataset.items(recordedAs: Set(model.training?.heldOutFiles ?? [])))
    // Too few images to hold any out leaves every image for training.
    if split.train.isEmpty {
      trainingItems = Array(0..<dataset.count)
      heldOutItems = []
    } else {
      trainingItems = split.train
      heldOutItems = split.validation
    }
    self.settings = settings
  }

  /// A job that trains `weights` (after `previousEpochs` epochs) on the plan's training
  /// images; it continues from `state` when given, else warms the learning rate up when
  /// `previousEpochs > 0` (trained weights without their optimizer state).
  package func job(
    config: VAEConfig, weights: [[Float]], dataset: FaceDataset, previousEpochs: Int,
    state: TrainingState?
  ) -> TrainingJob {
    var job = TrainingJob(
      config: config, weights: weights, dataset: dataset.subset(trainingItems),
      settings: settings, previousEpochs: previousEpochs)
    job.validationSet = heldOutItems.isEmpty ? nil : dataset.subset(heldOutItems)
    job.resumingFrom = state
    job.warmsUpLearningRate = state == nil && previousEpochs > 0
    return job
  }
}
