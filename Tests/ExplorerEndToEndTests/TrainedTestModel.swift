import FaceData
import FaceVAE
import Foundation
import NeuralCore
import TestSupport

/// A small conv model trained on synthetic faces for the end-to-end tests (a few seconds).
enum TrainedTestModel {
  /// Image side of the test model.
  static let size = 32

  /// Trains the model and saves it as `folder/faces32.safetensors`; returns the path.
  static func make(in folder: String) throws -> String {
    let path = folder + "/faces32.safetensors"
    if FileManager.default.fileExists(atPath: path) { return path }
    var settings = TrainingSettings()
    settings.epochs = 3
    settings.batchSize = 32
    settings.optimizer.learningRate = 2e-3
    settings.threads = 2
    let model = try TinyModel.trained(
      VAEConfig.conv(size: size, channels: 3, latent: 16), seed: 7,
      on: SyntheticFaces.dataset(count: 384, width: size, height: size, channels: 3, seed: 3),
      named: "synthetic", settings: settings)
    try model.save(to: path)
    return path
  }
}
