import FaceData
import FaceVAE
import Foundation
import NeuralCore

/// A small conv model trained on synthetic faces for the end-to-end tests (a few seconds).
enum TrainedTestModel {
  /// Image side of the test model.
  static let size = 32

  /// Trains the model and saves it as `folder/faces32.safetensors`; returns the path.
  static func make(in folder: String) throws -> String {
    let path = folder + "/faces32.safetensors"
    if FileManager.default.fileExists(atPath: path) { return path }
    let config = try VAEConfig.conv(size: size, channels: 3, latent: 16)
    let vae = try VariationalAutoencoder(config: config, seed: 7)
    let data = SyntheticFaces.dataset(count: 384, width: size, height: size, channels: 3, seed: 3)
    var settings = TrainingSettings()
    settings.epochs = 3
    settings.batchSize = 32
    settings.optimizer.learningRate = 2e-3
    settings.threads = 2
    var records: [EpochRecord] = []
    _ = Trainer(model: vae, settings: settings, trainingSet: data).run(epochFinished: {
      records.append($0)
    })
    let model = FaceModel(
      vae: vae,
      training: TrainingRecord(
        data: "synthetic", images: data.count, validationImages: 0, settings: settings,
        epochs: records))
    model.storeStatistics(of: data)
    try model.save(to: path)
    return path
  }
}
