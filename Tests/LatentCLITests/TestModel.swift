import Foundation
import TestSupport
import Testing

/// One small model for the image-command tests, trained once per test run on synthetic faces
/// (16×16 RGB, 4 latents).
enum TestModel {
  /// The folder the model is trained into, kept for the whole test run.
  private static let folder = Result { try TemporaryFolder() }

  /// The trained model file, or why training failed.
  static let trained: Result<String, TrainingFailed> = {
    do {
      let path = try folder.get().file("small.safetensors")
      let result = try LatentProcess.run([
        "train", "--data", "synthetic:200", "--size", "16", "--latent", "4", "--epochs", "2",
        "--batch", "32", "--threads", "1", "--out", path,
      ])
      guard result.status == 0 else { return .failure(TrainingFailed(message: result.error)) }
      return .success(path)
    } catch {
      return .failure(TrainingFailed(message: "\(error)"))
    }
  }()

  struct TrainingFailed: Error { var message: String }

  /// The model's path (the test fails when training did).
  static func path() throws -> String { try trained.get() }
}
