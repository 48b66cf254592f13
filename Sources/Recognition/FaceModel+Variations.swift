import LatentBasics
import FaceVAE
import FaceData
import NeuralCore

extension FaceModel {
  /// For each image `items` of `dataset`, `perImage` faces generated from its posterior: codes
  /// z = μ + σ·ε drawn from q(z|x), decoded to images in [0, 1], and encoded again to their
  /// posterior means. Reproducible from `seed`; `progress` gets the share done in [0, 1].
  package func generatedVariations(
    of dataset: FaceDataset, items: [Int], perImage: Int, seed: UInt64,
    progress: (Double) -> Void = { _ in }
  ) -> GeneratedFaces {
    precondition(perImage >= 0)
    let d = vae.latentDimensions
    var generator = SeededGenerator(seed: seed)
    var result = GeneratedFaces(
      images: ImageBatch(channels: config.channels, height: config.height, width: config.width),
      codes: LatentCodes(dimensions: d), sources: [])
    let total = items.count * perImage
    result.images.reserveCapacity(total)
    result.codes.reserveCapacity(total)
    let chunk = max(1, Self.decodeChunk / max(1, perImage))
    var start = 0
    while start < items.count {
      let batchItems = Array(items[start..<min(items.count, start + chunk)])
      let posterior = posteriors(of: dataset, items: batchItems)
      var samples = LatentCodes(dimensions: d)
      samples.reserveCapacity(batchItems.count * perImage)
      for (k, item) in batchItems.enumerated() {
        for _ in 0..<perImage {
          samples.append(
            (0..<d).map { j in
              let deviation = FastMath.exp(0.5 * posterior.logVariance[k, j])
              return posterior.mean[k, j] + deviation * generator.normal()
            })
          result.sources.append(item)
        }
      }
      let images = vae.decode(samples)
      result.images.append(contentsOf: images)
      result.codes.append(contentsOf: vae.encode(images).mean)
      start += batchItems.count
      progress(Double(start) / Double(max(1, items.count)))
    }
    return result
  }
}
