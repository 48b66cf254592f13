/// A trained VAE with everything the explorer shows beside the weights:
/// the training record, each latent dimension's KL, the codes of the
/// training faces and named attribute directions.
///
/// Saved as one `.safetensors` file (see `docs/model-format.md`).
package final class FaceModel {
  package let vae: VariationalAutoencoder
  package var training: TrainingRecord?
  /// Mean KL of each latent dimension over the training images (nats), `[D]`.
  package var klPerDimension: [Float]?
  /// Posterior means of the stored faces, `[N, D]`.
  package var codes: LatentCodes
  /// One label per stored face (−1 when unlabelled), `[N]`.
  package var codeLabels: [Int]
  /// Directions in latent space by name (e.g. `smile`), each `[D]`.
  package var attributes: [String: [Float]]
  /// The boundaries of the attributes fitted as classifiers (`latent attribute --method
  /// logistic`), by attribute name; each one's normal is that attribute's direction.
  package var attributeBoundaries: [String: AttributeBoundary] = [:]
  /// Banks of directions by method name (`pca`, `sefa`, …), each `[K, D]`.
  package var directions: [String: DirectionBank] = [:]
  /// The optimizer's state and the trainer's generator for these weights, which a resumed
  /// run continues from; nil when the file has none.
  package var trainingState: TrainingState?
  /// Whether ``save(to:halfPrecision:)`` stores the weights as F16 by default:
  /// true for a model loaded from a file whose weights are F16.
  package var storesHalfPrecision = false

  package init(
    vae: VariationalAutoencoder, training: TrainingRecord? = nil, klPerDimension: [Float]? = nil,
    codes: LatentCodes? = nil, codeLabels: [Int] = [], attributes: [String: [Float]] = [:],
    trainingState: TrainingState? = nil
  ) {
    self.vae = vae
    self.training = training
    self.klPerDimension = klPerDimension
    self.codes = codes ?? LatentCodes(dimensions: vae.latentDimensions)
    self.codeLabels = codeLabels
    self.attributes = attributes
    self.trainingState = trainingState
  }

  package var config: VAEConfig { vae.config }

  /// Number of stored faces.
  package var storedFaces: Int { codes.count }
}
