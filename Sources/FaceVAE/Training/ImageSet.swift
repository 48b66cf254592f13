import NeuralCore

/// Images for training or evaluation: `count` samples of `shape`, NCHW
/// Float32 in [0, 1], with optional integer labels.
package struct ImageSet: Sendable {
  /// `count × shape.count` values.
  package var values: [Float]
  package var shape: Shape
  /// One label per image, or empty when the images have none.
  package var labels: [Int]

  package init(values: [Float], shape: Shape, labels: [Int] = []) {
    precondition(shape.count > 0 && values.count % shape.count == 0)
    precondition(labels.isEmpty || labels.count == values.count / shape.count)
    self.values = values
    self.shape = shape
    self.labels = labels
  }

  /// Number of images.
  package var count: Int { values.count / shape.count }

  /// The images at `indices`, in that order.
  package func subset(_ indices: [Int]) -> ImageSet {
    let size = shape.count
    var picked = [Float]()
    picked.reserveCapacity(indices.count * size)
    for i in indices { picked += values[(i * size)..<((i + 1) * size)] }
    return ImageSet(values: picked, shape: shape, labels: labels.isEmpty ? [] : indices.map { labels[$0] })
  }

  /// Copies image `index` to `destination`, mirrored left–right when `flip` is set.
  package func copyImage(_ index: Int, flip: Bool, to destination: UnsafeMutablePointer<Float>) {
    let size = shape.count
    values.withUnsafeBufferPointer { all in
      guard let base = all.baseAddress else { return }
      let source = base + index * size
      guard flip else {
        destination.update(from: source, count: size)
        return
      }
      let width = shape.width
      for row in 0..<(shape.channels * shape.height) {
        let from = source + row * width
        let to = destination + row * width
        for x in 0..<width { to[x] = from[width - 1 - x] }
      }
    }
  }
}
