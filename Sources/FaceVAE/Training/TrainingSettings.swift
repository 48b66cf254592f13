import NeuralCore

/// How a VAE is trained; stored in the model file's training record.
package struct TrainingSettings: Hashable, Sendable, Codable {
  /// Passes over the training images.
  package var epochs = 10
  /// Images per step.
  package var batchSize = 64
  /// Adam's settings (learning rate, betas, clipping).
  package var optimizer = Adam.Settings()
  /// Weight of the KL term (1 = the true ELBO; β-VAE above 1).
  package var beta: Float = 1
  /// Epochs over which the KL weight rises linearly from 0 to β (0 = none).
  package var warmupEpochs = 0
  /// Seed for initialisation, shuffling, flips and noise.
  package var seed: UInt64 = 1
  /// Mirror each training image left–right with probability ½.
  package var horizontalFlips = false
  /// Threads the training runs on (see ``VAEConfig/threading(threads:)``).
  package var threads = 1

  package init() {}

  private enum CodingKeys: String, CodingKey {
    case epochs
    case batchSize = "batch_size"
    case optimizer, beta
    case warmupEpochs = "warmup_epochs"
    case seed
    case horizontalFlips = "horizontal_flips"
    case threads
  }

  /// The KL weight for a step at `progress` epochs into training (fractional).
  package func klWeight(atEpoch progress: Double) -> Float {
    guard warmupEpochs > 0 else { return beta }
    return beta * Float(min(1, progress / Double(warmupEpochs)))
  }
}
