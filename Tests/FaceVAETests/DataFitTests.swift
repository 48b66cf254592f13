import FaceData
import FaceVAE
import LatentBasics
import TestSupport
import Testing

/// The start-up check that `--data` is data of the kind the model was trained on.
/// Serialized: the tests share one model, whose decoder workspaces one call at a time may use.
@Suite("Data fit: the model's own kind of images, or not", .serialized)
struct DataFitTests {
  static let size = 16

  /// A small conv model trained on synthetic colour faces, with its training record.
  nonisolated(unsafe) static let model: FaceModel = {
    var settings = TrainingSettings()
    settings.epochs = 30
    settings.batchSize = 16
    let faces = SyntheticFaces.dataset(count: 256, width: size, height: size, channels: 3, seed: 3)
    return try! TinyModel.trained(
      try! VAEConfig.conv(size: size, channels: 3, latent: 8), seed: 1, on: faces,
      named: "synthetic", settings: settings)
  }()

  /// `faces` with every value changed by `transform`.
  func mapped(_ faces: FaceDataset, _ transform: (Float) -> Float) -> FaceDataset {
    var changed = faces
    changed.images = faces.images.map(transform)
    return changed
  }

  @Test func newFacesOfTheSameKindFit() throws {
    let others = SyntheticFaces.dataset(
      count: 40, width: Self.size, height: Self.size, channels: 3, seed: 99)
    let fit = Self.model.dataFit(others)
    #expect(!fit.isMismatch, "unexplained \(fit.unexplainedVariance)")
    #expect(fit.images == 32 && fit.warning(data: "synthetic") == nil)
  }

  @Test func otherImagesAreAMismatchWithAWarning() throws {
    let faces = SyntheticFaces.dataset(
      count: 40, width: Self.size, height: Self.size, channels: 3, seed: 99)
    var generator = SeededGenerator(seed: 5)
    let noise = mapped(faces) { _ in Float(generator.next() % 256) / 255 }
    let inverted = mapped(faces) { 1 - $0 }
    // Grey faces on a colour model (Olivetti on faces64): each pixel's mean in all channels.
    var grey = faces
    let plane = Self.size * Self.size
    for image in 0..<faces.count {
      for p in 0..<plane {
        let base = image * 3 * plane + p
        let mean =
          (faces.images[base] + faces.images[base + plane] + faces.images[base + 2 * plane]) / 3
        for c in 0..<3 { grey.images[base + c * plane] = 1 - mean }
      }
    }
    for (name, images) in [("noise", noise), ("inverted", inverted), ("grey", grey)] {
      let fit = Self.model.dataFit(images)
      #expect(fit.isMismatch, "\(name): unexplained \(fit.unexplainedVariance)")
      let warning = fit.warning(data: "DIR")
      #expect(warning?.contains("--data DIR") == true && warning?.contains("ELBO") == true)
    }
  }

  @Test func anUntrainedModelExplainsNothing() throws {
    let untrained = try TinyModel.untrained(
      try VAEConfig.conv(size: Self.size, channels: 3, latent: 8), seed: 1)
    let faces = SyntheticFaces.dataset(
      count: 8, width: Self.size, height: Self.size, channels: 3, seed: 99)
    let fit = untrained.dataFit(faces)
    #expect(fit.isMismatch && fit.recorded == nil && fit.unexplainedVariance > 0.9)
  }
}
