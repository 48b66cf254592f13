import FaceData
import NeuralCore

extension FaceModel {
  /// Posterior means of images `items` of `images`, `[N, latent]`.
  package func encode(_ images: FaceDataset, items: [Int]) -> LatentCodes {
    posteriors(of: images, items: items).mean
  }

  /// Mean absolute difference between images and their reconstructions from
  /// the posterior mean, on the [0, 1] scale (×255 for 8-bit levels).
  package func meanAbsoluteError(on images: FaceDataset, batchSize: Int = 64) -> Double {
    reconstructionError(on: images, batchSize: batchSize).meanAbsolute
  }

  /// How far the reconstructions of `images` are from them: each image encoded to its
  /// posterior mean and decoded to the decoder's mean (no sampling), compared value by value.
  package func reconstructionError(on images: FaceDataset, batchSize: Int = 64)
    -> ReconstructionError
  {
    var absolute = 0.0
    var squared = 0.0
    var start = 0
    while start < images.count {
      let items = Array(start..<min(images.count, start + batchSize))
      let reconstructed = vae.decode(encode(images, items: items))
      for (k, item) in items.enumerated() {
        let original = images.sample(item)
        for (value, target) in zip(reconstructed[k], original) {
          let difference = Double(value - target)
          absolute += abs(difference)
          squared += difference * difference
        }
      }
      start += batchSize
    }
    let values = Double(max(1, images.count * vae.imageSize))
    return ReconstructionError(
      images: images.count, meanAbsolute: absolute / values, meanSquared: squared / values)
  }

  /// Posterior means and log-variances of images `items` of `dataset`, each `[N, D]`.
  package func posteriors(of dataset: FaceDataset, items: [Int]) -> Posterior {
    vae.encode(ImageBatch(dataset, items: items))
  }
}
