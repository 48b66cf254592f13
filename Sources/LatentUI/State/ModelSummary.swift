import FaceVAE
import ImageIO

/// What the screen needs to know about the loaded model, as plain values.
package struct ModelSummary: Hashable, Sendable {
  /// A short name (the file name without `.safetensors`).
  package var name: String
  package var latentDimensions: Int
  package var imageWidth: Int
  package var imageHeight: Int
  package var channels: Int
  /// KL per dimension (nats), when the file has it.
  package var klPerDimension: [Float]?
  /// Attribute directions by name, sorted by name.
  package var attributes: [Attribute]
  /// Stored posterior means, `[N, D]`.
  package var storedCodes: LatentCodes
  /// One label per stored face (−1 unlabelled).
  package var storedLabels: [Int]
  /// Epochs in the model's training record.
  package var epochs: Int
  /// The validation ELBO of the record's last epoch that has one (nats per image), if any.
  package var recordedValidationELBO: Double?

  /// A named direction in latent space.
  package struct Attribute: Hashable, Sendable {
    package var name: String
    /// The direction scaled to unit length (`[D]`).
    package var direction: [Float]

    package init(name: String, direction: [Float]) {
      self.name = name
      let length = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
      self.direction = length > 0 ? direction.map { $0 / length } : direction
    }
  }

  package init(
    name: String, latentDimensions: Int, imageWidth: Int, imageHeight: Int, channels: Int,
    klPerDimension: [Float]? = nil, attributes: [Attribute] = [], storedCodes: LatentCodes? = nil,
    storedLabels: [Int] = [], epochs: Int = 0, recordedValidationELBO: Double? = nil
  ) {
    self.name = name
    self.latentDimensions = latentDimensions
    self.imageWidth = imageWidth
    self.imageHeight = imageHeight
    self.channels = channels
    self.klPerDimension = klPerDimension
    self.attributes = attributes
    self.storedCodes = storedCodes ?? LatentCodes(dimensions: latentDimensions)
    self.storedLabels = storedLabels
    self.epochs = epochs
    self.recordedValidationELBO = recordedValidationELBO
  }

  /// The summary of `model`, named `name`.
  package init(model: FaceModel, name: String) {
    let config = model.config
    self.init(
      name: name, latentDimensions: model.vae.latentDimensions, imageWidth: config.width,
      imageHeight: config.height, channels: config.channels, klPerDimension: model.klPerDimension,
      attributes: model.attributes.keys.sorted().compactMap { key in
        model.attributes[key].map { Attribute(name: key, direction: $0) }
      }, storedCodes: model.codes, storedLabels: model.codeLabels,
      epochs: model.training?.epochs.count ?? 0,
      recordedValidationELBO: model.training?.epochs.last(where: { $0.validationELBO != nil })?
        .validationELBO)
  }

  /// Number of stored faces.
  package var storedFaces: Int { storedCodes.count }

  /// Dimensions sorted by KL, most active first (index order without KL).
  package var dimensionsByKL: [Int] {
    guard let kl = klPerDimension, kl.count == latentDimensions else {
      return Array(0..<latentDimensions)
    }
    return (0..<latentDimensions).sorted { kl[$0] != kl[$1] ? kl[$0] > kl[$1] : $0 < $1 }
  }
}
