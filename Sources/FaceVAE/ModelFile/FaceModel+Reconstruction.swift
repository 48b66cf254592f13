import FaceData
import NeuralCore

extension FaceModel {
  /// Decodes `codes` (`[N, latent]`) to images in [0, 1], `[N, C, H, W]`.
  package func decode(codes: [Float]) -> [Float] {
    let d = vae.latentDimensions
    let count = codes.count / d
    var input = codes
    return input.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress, count > 0 else { return [] }
      return Array(UnsafeBufferPointer(start: vae.decode(base, batch: count), count: count * vae.imageSize))
    }
  }

  /// Posterior means of images `items` of `images`, `[N, latent]`.
  package func encode(_ images: FaceDataset, items: [Int]) -> [Float] {
    posteriors(of: images, items: items).mean
  }

  /// Mean absolute difference between images and their reconstructions from
  /// the posterior mean, on the [0, 1] scale (×255 for 8-bit levels).
  package func meanAbsoluteError(on images: FaceDataset, batchSize: Int = 64) -> Double {
    var total = 0.0
    var start = 0
    while start < images.count {
      let items = Array(start..<min(images.count, start + batchSize))
      let reconstructed = decode(codes: encode(images, items: items))
      let size = vae.imageSize
      for (k, item) in items.enumerated() {
        let original = images.sample(item)
        for i in 0..<size { total += Double(abs(reconstructed[k * size + i] - original[i])) }
      }
      start += batchSize
    }
    return total / Double(max(1, images.count * vae.imageSize))
  }
}
