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

  /// Direction banks by name (`pca`, `sefa`, a user's): the model file's, plus PCA of the
  /// stored codes and SeFa of the decoder when the file has none and they can be computed.
  package var banks: [String: DirectionBank]

  /// How many stored codes lie near a code, with the radius set from the stored codes (nil
  /// with too few of them).
  package var support: SupportCount?

  /// A named direction in latent space: InterFaceGAN's boundary `n·z + b = 0`.
  package struct Attribute: Hashable, Sendable {
    package var name: String
    /// The direction scaled to unit length (`[D]`): the boundary's normal.
    package var direction: [Float]
    /// The boundary's offset `b`, code units (0 for a mean-difference direction).
    package var offset: Float
    /// One slider unit: the codes' spread along the normal, code units (positive).
    package var spread: Float
    /// The boundary's held-out accuracy, 0…1 (nil for a mean-difference direction).
    package var accuracy: Float?

    package init(
      name: String, direction: [Float], offset: Float = 0, spread: Float = 1,
      accuracy: Float? = nil
    ) {
      self.name = name
      let length = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
      self.direction = length > 0 ? direction.map { $0 / length } : direction
      self.offset = offset
      self.spread = spread > 0 && spread.isFinite ? spread : 1
      self.accuracy = accuracy
    }

    /// The boundary, for set-to-distance edits.
    package var boundary: AttributeBoundary {
      AttributeBoundary(
        normal: direction, offset: offset, accuracy: accuracy ?? .nan, heldOutFaces: 0,
        spread: spread)
    }
  }

  package init(
    name: String, latentDimensions: Int, imageWidth: Int, imageHeight: Int, channels: Int,
    klPerDimension: [Float]? = nil, attributes: [Attribute] = [], storedCodes: LatentCodes? = nil,
    storedLabels: [Int] = [], epochs: Int = 0, recordedValidationELBO: Double? = nil,
    banks: [String: DirectionBank] = [:]
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
    self.banks = banks
    support = SupportCount(codes: self.storedCodes)
  }

  /// The summary of `model`, named `name`.
  package init(model: FaceModel, name: String) {
    let config = model.config
    self.init(
      name: name, latentDimensions: model.vae.latentDimensions, imageWidth: config.width,
      imageHeight: config.height, channels: config.channels, klPerDimension: model.klPerDimension,
      attributes: model.attributes.keys.sorted().compactMap { key in
        guard let axis = try? model.attributeAxis(named: key, modelPath: name) else { return nil }
        let boundary = model.attributeBoundaries[key].flatMap {
          $0.normal == axis.direction ? $0 : nil
        }
        return Attribute(
          name: key, direction: axis.direction, offset: boundary?.offset ?? 0, spread: axis.scale,
          accuracy: boundary?.accuracy)
      }, storedCodes: model.codes, storedLabels: model.codeLabels,
      epochs: model.training?.epochs.count ?? 0,
      recordedValidationELBO: model.training?.epochs.last(where: { $0.validationELBO != nil })?
        .validationELBO,
      banks: Self.banks(of: model))
  }

  /// The model file's direction banks, plus `pca` and `sefa` computed (every direction) when
  /// the file has none and the model allows them.
  package static func banks(of model: FaceModel) -> [String: DirectionBank] {
    var banks = model.directions
    let count = min(model.vae.latentDimensions, SymmetricEigen.maximumSize)
    for method in FaceModel.DirectionMethod.allCases where banks[method.rawValue] == nil {
      banks[method.rawValue] = try? model.computeDirections(method, count: count)
    }
    return banks
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
