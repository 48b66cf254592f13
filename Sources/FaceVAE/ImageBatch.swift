import FaceData
import ImageIO
import LatentBasics

/// Images as a model sees them: planar Float32 values in [0, 1], `[N, C, H, W]`, stored in
/// one `[Float]`.
package struct ImageBatch: Hashable, Sendable {
  /// Colour channels `C`, rows `H` and columns `W` of every image.
  package let channels: Int, height: Int, width: Int
  /// All images, one after the other (`count × valuesPerImage` values).
  package private(set) var values: [Float]

  /// `count` black images of `channels × height × width`.
  package init(channels: Int, height: Int, width: Int, count: Int = 0) {
    precondition(channels > 0 && height > 0 && width > 0 && count >= 0, "empty image shape")
    (self.channels, self.height, self.width) = (channels, height, width)
    values = [Float](repeating: 0, count: count * channels * height * width)
  }

  /// Images of `channels × height × width` laid out one after the other in `values`; nil
  /// when `values` does not hold a whole number of images.
  package init?(channels: Int, height: Int, width: Int, values: [Float]) {
    guard channels > 0, height > 0, width > 0, values.count % (channels * height * width) == 0
    else { return nil }
    (self.channels, self.height, self.width) = (channels, height, width)
    self.values = values
  }

  /// Images `items` of `dataset`.
  package init(_ dataset: FaceDataset, items: some Collection<Int>) {
    self.init(channels: dataset.channels, height: dataset.height, width: dataset.width)
    refill(from: dataset, items: items)
  }

  /// Values per image, `C·H·W`.
  package var valuesPerImage: Int { channels * height * width }

  /// The number of images, `N`.
  package var count: Int { values.count / valuesPerImage }

  /// The planar values of image `index` (`[C, H, W]`).
  package subscript(index: Int) -> ArraySlice<Float> {
    precondition(index >= 0 && index < count, "image \(index) is outside 0..<\(count)")
    return values[(index * valuesPerImage)..<((index + 1) * valuesPerImage)]
  }

  /// Image `index` as an 8-bit image.
  package func image(_ index: Int) -> Image {
    Image(planar: Array(self[index]), channels: channels, height: height, width: width)
  }

  /// Every image as an 8-bit image.
  package var images: [Image] { (0..<count).map(image) }

  /// Adds `planar` (``valuesPerImage`` values) after the last image.
  package mutating func append(planar: [Float]) {
    precondition(
      planar.count == valuesPerImage, "an image of \(planar.count) values, not \(valuesPerImage)")
    values += planar
  }

  /// Adds the images of `batch` (of the same shape) after the last image.
  package mutating func append(contentsOf batch: ImageBatch) {
    precondition(
      (batch.channels, batch.height, batch.width) == (channels, height, width),
      "images of another shape")
    values += batch.values
  }

  /// Makes room for `capacity` images without changing the images.
  package mutating func reserveCapacity(_ capacity: Int) {
    values.reserveCapacity(capacity * valuesPerImage)
  }

  /// Replaces the images by images `items` of `dataset`, image `k` mirrored left to right
  /// when `flipped(k)`; within the capacity already reserved it allocates nothing (a
  /// training step's minibatch).
  package mutating func refill(
    from dataset: FaceDataset, items: some Collection<Int>, flipped: (Int) -> Bool = { _ in false }
  ) {
    precondition(dataset.valuesPerImage == valuesPerImage, "the data's images have another size")
    let total = items.count * valuesPerImage
    if values.count > total { values.removeLast(values.count - total) }
    if values.count < total {
      values.append(contentsOf: repeatElement(0, count: total - values.count))
    }
    // One thread: the parts come in order, image k from the k-th item.
    var nextItem = items.makeIterator()
    values.updateParts(of: valuesPerImage) { k, destination in
      guard let item = nextItem.next() else { preconditionFailure("fewer items than images") }
      dataset.copySample(item, flipped: flipped(k), into: &destination)
    }
  }
}
