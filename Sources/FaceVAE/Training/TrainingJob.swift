import FaceData

/// Everything a background training run needs, as values it can own.
package struct TrainingJob: Sendable {
  /// The architecture to build the run's own model from.
  package var config: VAEConfig
  /// The starting weights (``VariationalAutoencoder/weightValues()``).
  package var weights: [[Float]]
  /// The images to train on.
  package var dataset: FaceDataset
  /// Held-out images for the ELBO before the first step and after each epoch (nil: none).
  package var validationSet: FaceDataset?
  /// The optimizer state and generator to continue from (nil: fresh ones).
  package var resumingFrom: TrainingState?
  /// Whether the learning rate rises from 0 over the first epoch (for weights trained
  /// before, continued without their optimizer state).
  package var warmsUpLearningRate = false
  /// Epochs, batch size, learning rate and the rest.
  package var settings: TrainingSettings
  /// Epochs the starting weights already have behind them.
  package var previousEpochs: Int
  /// The records of earlier runs' epochs since the model was loaded (the run adds its own).
  package var earlierEpochs: [EpochRecord] = []
  /// Publish a snapshot every this many steps as well as after each epoch (0 = epochs only).
  package var publishEverySteps: Int
  /// Where each epoch's checkpoint goes (written atomically), or nil for none.
  package var checkpointPath: String?
  /// What the checkpoint keeps beside the weights (stored codes, KL, attributes), as a
  /// function of the run's model.
  package var checkpointExtras: @Sendable (VariationalAutoencoder) -> FaceModel

  /// A job; by default checkpoints hold only the weights and the training record.
  package init(
    config: VAEConfig, weights: [[Float]], dataset: FaceDataset, settings: TrainingSettings,
    previousEpochs: Int = 0, publishEverySteps: Int = 20, checkpointPath: String? = nil,
    checkpointExtras: @escaping @Sendable (VariationalAutoencoder) -> FaceModel = {
      FaceModel(vae: $0)
    }
  ) {
    self.config = config
    self.weights = weights
    self.dataset = dataset
    self.settings = settings
    self.previousEpochs = previousEpochs
    self.publishEverySteps = publishEverySteps
    self.checkpointPath = checkpointPath
    self.checkpointExtras = checkpointExtras
  }
}
