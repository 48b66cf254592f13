import ImageIO

/// The held-out faces under the Explore face while retraining: dataset images the background
/// runs never train on, above their reconstructions with the newest weights.
package struct HeldOutStrip: Hashable, Sendable {
  /// The held-out dataset images (ascending), set by the backend from the run's split.
  package var items: [Int] = []
  /// The originals and reconstructions of ``shownItems``, once decoded.
  package var originals: [Image] = []
  package var reconstructions: [Image] = []

  /// At most this many faces are shown.
  package static let limit = 6

  package init(items: [Int] = []) {
    self.items = items
  }

  /// The first ``limit`` held-out images: always the same faces.
  package var shownItems: [Int] { Array(items.prefix(Self.limit)) }
}
