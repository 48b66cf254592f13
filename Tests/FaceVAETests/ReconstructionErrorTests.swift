import FaceData
import FaceVAE
import Glibc
import LatentBasics
import TestSupport
import Testing

@Suite("Reconstruction error: mean absolute error and PSNR of mean reconstructions")
struct ReconstructionErrorTests {
  @Test func psnrIsTenLogOfOneOverTheMeanSquaredError() {
    let error = ReconstructionError(images: 1, meanAbsolute: 0.1, meanSquared: 0.01)
    #expect(abs(error.peakSignalToNoise - 20) < 1e-12)
    #expect(
      ReconstructionError(images: 1, meanAbsolute: 0, meanSquared: 0).peakSignalToNoise == .infinity
    )
  }

  @Test func theFiguresAreThoseOfEachImageDecodedFromItsMeanCode() throws {
    let face = try TinyModel.untrained(VAEConfig.conv(size: 8, channels: 3, latent: 3), seed: 5)
    var generator = SeededGenerator(seed: 3)
    let count = 5
    let values = (0..<(count * 3 * 8 * 8)).map { _ in Float(generator.next() % 256) / 255 }
    let faces = FaceDataset(
      images: values, channels: 3, height: 8, width: 8, labels: Array(repeating: nil, count: count),
      indices: Array(repeating: nil, count: count), paths: (0..<count).map { "face\($0)" })
    // By hand: one image at a time, its posterior mean decoded, compared value by value.
    var absolute = 0.0
    var squared = 0.0
    for item in 0..<count {
      let mean = face.vae.encode(ImageBatch(faces, items: [item])).mean
      let made = face.vae.decode(mean)[0]
      for (value, original) in zip(made, faces.sample(item)) {
        absolute += Double(abs(value - original))
        squared += Double((value - original) * (value - original))
      }
    }
    let n = Double(count * 3 * 8 * 8)
    // Batches of 2 leave a last batch of 1: every image counts once.
    let error = face.reconstructionError(on: faces, batchSize: 2)
    #expect(error.images == count)
    #expect(abs(error.meanAbsolute - absolute / n) < 1e-6)
    #expect(abs(error.meanSquared - squared / n) < 1e-6)
    #expect(abs(error.peakSignalToNoise - 10 * log10(1 / (squared / n))) < 1e-4)
    #expect(face.meanAbsoluteError(on: faces) == face.reconstructionError(on: faces).meanAbsolute)
  }
}
