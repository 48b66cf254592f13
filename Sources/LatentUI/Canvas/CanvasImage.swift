import ImageIO

/// A face the backend draws into a rectangle of the canvas (as cells or as pixels), as
/// large as fits without distortion.
package struct CanvasImage: Hashable, Sendable {
  /// Where it goes.
  package var rect: CellRect
  /// The picture.
  package var image: Image

  /// `image` in `rect`.
  package init(rect: CellRect, image: Image) {
    self.rect = rect
    self.image = image
  }
}
