/// Face images ready for a VAE: one contiguous Float32 array `[N, C, H, W]` of values in [0, 1],
/// with each image's label, index, path and (for synthetic faces) ground-truth factors.
///
/// Values are `pixel / 255` (0 black, 1 white), the scale Bernoulli and Gaussian decoders
/// expect; see `Preprocessing` in ImageIO for how files become these values.
package struct FaceDataset: Sendable {
  /// All images, `count × channels × height × width` values, image after image, each planar
  /// `[C, H, W]`.
  package var images: [Float]
  /// Values per pixel: 1 (gray) or 3 (RGB).
  package let channels: Int
  /// Rows per image.
  package let height: Int
  /// Columns per image.
  package let width: Int
  /// Each image's class label, or nil when it has none.
  package var labels: [Int?]
  /// Each image's index within its label (the integer after `_` in `12_03.png`), or nil.
  package var indices: [Int?]
  /// Each image's file path (synthetic faces: `synthetic/<seed>/<number>`).
  package var paths: [String]
  /// The name of each label value when labels name something (label `i` is `labelNames[i]`):
  /// sub-folder names, metadata values, or synthetic classes; empty for numbered files.
  package var labelNames: [String]
  /// Names of the per-image ground-truth factors (synthetic faces), or empty.
  package var factorNames: [String]
  /// Factors, `count × factorNames.count` values, image after image.
  package var factors: [Float]

  /// A dataset over `images` (`labels.count × channels × height × width` values).
  package init(
    images: [Float], channels: Int, height: Int, width: Int, labels: [Int?], indices: [Int?],
    paths: [String], labelNames: [String] = [], factorNames: [String] = [], factors: [Float] = []
  ) {
    precondition(images.count == labels.count * channels * height * width, "images do not match")
    precondition(indices.count == labels.count && paths.count == labels.count)
    precondition(factors.count == labels.count * factorNames.count)
    self.images = images
    self.channels = channels
    self.height = height
    self.width = width
    self.labels = labels
    self.indices = indices
    self.paths = paths
    self.labelNames = labelNames
    self.factorNames = factorNames
    self.factors = factors
  }

  /// Number of images.
  package var count: Int { labels.count }

  /// Values per image, `channels × height × width`.
  package var valuesPerImage: Int { channels * height * width }

  /// Whether every image has a label.
  package var isLabelled: Bool { !labels.isEmpty && labels.allSatisfy { $0 != nil } }

  /// The value of factor `name` for image `item`, or nil when there is no such factor.
  package func factor(_ name: String, of item: Int) -> Float? {
    guard let column = factorNames.firstIndex(of: name) else { return nil }
    return factors[item * factorNames.count + column]
  }
}
