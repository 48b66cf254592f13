import FaceData
import FaceVAE

/// Small models for tests, made in code: untrained, or trained for a few epochs with the
/// training record and latent statistics a model file stores.
public enum TinyModel {
  /// A freshly initialised model of `config`.
  package static func untrained(_ config: VAEConfig, seed: UInt64) throws -> FaceModel {
    FaceModel(vae: try VariationalAutoencoder(config: config, seed: seed))
  }

  /// A model of `config` trained on `images` as `settings` say, with its training record
  /// (`data` names the images) and the statistics of `images` stored.
  package static func trained(
    _ config: VAEConfig, seed: UInt64, on images: FaceDataset, named data: String,
    settings: TrainingSettings, attributes: [String: [Float]] = [:]
  ) throws -> FaceModel {
    let vae = try VariationalAutoencoder(config: config, seed: seed)
    var record = TrainingRecord(
      data: data, images: images.count, validationImages: 0, settings: settings)
    _ = Trainer(model: vae, settings: settings, trainingSet: images).run(epochFinished: {
      record.epochs.append($0)
    })
    let model = FaceModel(vae: vae, training: record, attributes: attributes)
    model.storeStatistics(of: images)
    return model
  }
}
