import FaceData
import LatentBasics
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
    let size = vae.imageSize
    var generator = SeededGenerator(seed: seed)
    var result = GeneratedFaces(images: [], codes: [], sources: [])
    let total = items.count * perImage
    result.images.reserveCapacity(total * size)
    result.codes.reserveCapacity(total * d)
    let chunk = max(1, Self.decodeChunk / max(1, perImage))
    var start = 0
    while start < items.count {
      let batchItems = Array(items[start..<min(items.count, start + chunk)])
      let posterior = posteriors(of: dataset, items: batchItems)
      var samples = [Float]()
      samples.reserveCapacity(batchItems.count * perImage * d)
      for (k, item) in batchItems.enumerated() {
        for _ in 0..<perImage {
          for j in 0..<d {
            let deviation = FastMath.exp(0.5 * posterior.logVariance[k * d + j])
            samples.append(posterior.mean[k * d + j] + deviation * generator.normal())
          }
          result.sources.append(item)
        }
      }
      let images = decode(codes: samples)
      result.images += images
      result.codes += encode(values: images, count: batchItems.count * perImage)
      start += batchItems.count
      progress(Double(start) / Double(max(1, items.count)))
    }
    return result
  }

  /// Posterior means and log-variances of images `items` of `dataset`, each `[N, D]`.
  package func posteriors(of dataset: FaceDataset, items: [Int]) -> (
    mean: [Float], logVariance: [Float]
  ) {
    let size = vae.imageSize
    let d = vae.latentDimensions
    guard !items.isEmpty else { return ([], []) }
    let batch = FloatBuffer(capacity: items.count * size)
    for (k, item) in items.enumerated() { dataset.copySample(item, into: batch.pointer + k * size) }
    let (mu, logVariance) = vae.encode(batch.pointer, batch: items.count)
    return (
      Array(UnsafeBufferPointer(start: mu, count: items.count * d)),
      Array(UnsafeBufferPointer(start: logVariance, count: items.count * d))
    )
  }

  /// Posterior means of `count` images given as planar values (`[N, C, H, W]` in [0, 1]).
  package func encode(values: [Float], count: Int) -> [Float] {
    guard count > 0 else { return [] }
    var input = values
    return input.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return [] }
      let (mu, _) = vae.encode(base, batch: count)
      return Array(UnsafeBufferPointer(start: mu, count: count * vae.latentDimensions))
    }
  }
}
