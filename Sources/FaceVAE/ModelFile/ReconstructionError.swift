import Glibc

/// How far reconstructions are from their originals, over every value of a set of images
/// (pixel values on the [0, 1] scale: ×255 for 8-bit levels).
package struct ReconstructionError: Hashable, Sendable {
  /// Images compared.
  package var images: Int
  /// Mean of |reconstruction − original| over every value of every image, in [0, 1].
  package var meanAbsolute: Double
  /// Mean of (reconstruction − original)² over every value of every image, in [0, 1].
  package var meanSquared: Double

  package init(images: Int, meanAbsolute: Double, meanSquared: Double) {
    self.images = images
    self.meanAbsolute = meanAbsolute
    self.meanSquared = meanSquared
  }

  /// Peak signal-to-noise ratio in dB for a peak of 1: 10·log₁₀(1 / ``meanSquared``), from the
  /// squared error pooled over all images (infinite for a perfect copy).
  package var peakSignalToNoise: Double { -10 * log10(meanSquared) }
}
