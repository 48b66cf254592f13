import FaceData
import NeuralCore

extension FaceModel {
  /// Encodes `images` and stores what the explorer needs without the data:
  /// each dimension's mean KL (to sort sliders) and every image's posterior
  /// mean with its label (to show known faces).
  package func storeStatistics(of images: FaceDataset, batchSize: Int = 64) {
    let d = vae.latentDimensions
    let size = vae.imageSize
    let batchSize = max(1, batchSize)
    let batch = FloatBuffer(capacity: batchSize * size)
    var klSums = [Double](repeating: 0, count: d)
    var means = [Float]()
    means.reserveCapacity(images.count * d)
    var start = 0
    while start < images.count {
      let count = min(batchSize, images.count - start)
      for k in 0..<count { images.copySample(start + k, into: batch.pointer + k * size) }
      let (mu, logVariance) = vae.encode(batch.pointer, batch: count)
      klSums.withUnsafeMutableBufferPointer { sums in
        guard let base = sums.baseAddress else { return }
        GaussianKL.accumulate(
          means: mu, logVariances: logVariance, batch: count, dimensions: d, into: base)
      }
      means += UnsafeBufferPointer(start: mu, count: count * d)
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
