/// How a model was trained: stored as JSON in `latent.training`.
package struct TrainingRecord: Hashable, Sendable, Codable {
  /// Where the images came from: a folder path or `synthetic`.
  package var data: String
  /// Training images (after the validation split).
  package var images: Int
  /// Held-out validation images.
  package var validationImages: Int
  /// The held-out images' folder and file names (`frl_faces_color_128/12_0.png`, sorted),
  /// so that retraining or evaluating on
  /// the same folders holds out the same faces whatever the seeded split does; `nil` in files
  /// written before it was recorded.
  package var heldOutFiles: [String]?
  package var settings: TrainingSettings
  /// One entry per epoch, in order.
  package var epochs: [EpochRecord]

  package init(
    data: String, images: Int, validationImages: Int, settings: TrainingSettings,
    epochs: [EpochRecord] = []
  ) {
    self.data = data
    self.images = images
    self.validationImages = validationImages
    self.settings = settings
    self.epochs = epochs
  }

  private enum CodingKeys: String, CodingKey {
    case data, images
    case validationImages = "validation_images"
    case heldOutFiles = "held_out_files"
    case settings, epochs
  }
}
