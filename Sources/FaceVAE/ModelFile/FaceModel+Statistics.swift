import FaceData
import NeuralCore

extension FaceModel {
  /// Encodes `images` and stores what the explorer needs without the data:
  /// each dimension's mean KL (to sort sliders) and every image's posterior
  /// mean with its label (to show known faces).
  package func storeStatistics(of images: FaceDataset, batchSize: Int = 64) {
    let d = vae.latentDimensions
    let batchSize = max(1, batchSize)
    var batch = ImageBatch(channels: images.channels, height: images.height, width: images.width)
    var klSums = [Double](repeating: 0, count: d)
    var means = LatentCodes(dimensions: d)
    means.reserveCapacity(images.count)
    var start = 0
    while start < images.count {
      let count = min(batchSize, images.count - start)
      batch.refill(from: images, items: start..<(start + count))
      let posterior = vae.encode(batch)
      GaussianKL.accumulate(
        means: posterior.mean.values, logVariances: posterior.logVariance.values,
        dimensions: d, into: &klSums)
      means.append(contentsOf: posterior.mean)
      start += count
    }
    let n = Double(max(images.count, 1))
    klPerDimension = klSums.map { Float($0 / n) }
    codes = means
    codeLabels = images.labels.map { $0 ?? -1 }
  }

  /// Latent dimensions sorted by KL, most informative first.
  package var dimensionsByKL: [Int] {
    guard let kl = klPerDimension else { return Array(0..<vae.latentDimensions) }
    return kl.indices.sorted { kl[$0] > kl[$1] || (kl[$0] == kl[$1] && $0 < $1) }
  }
}
