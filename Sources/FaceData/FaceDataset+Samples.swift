import ImageIO

extension FaceDataset {
  /// Copies image `item` (`[C, H, W]`, ``valuesPerImage`` values) to `destination`, mirrored left
  /// to right when `flipped` (the training augmentation). Allocates nothing, so a trainer can
  /// call it for every image of every minibatch.
  package func copySample(
    _ item: Int, flipped: Bool = false, into destination: UnsafeMutablePointer<Float>
  ) {
    precondition(item >= 0 && item < count, "image \(item) is outside 0..<\(count)")
    images.withUnsafeBufferPointer { all in
      guard let base = all.baseAddress else { return }
      let source = base + item * valuesPerImage
      if !flipped {
        destination.update(from: source, count: valuesPerImage)
        return
      }
      for row in 0..<(channels * height) {
        let sourceRow = source + row * width
        let targetRow = destination + row * width
        for column in 0..<width { targetRow[column] = sourceRow[width - 1 - column] }
      }
    }
  }

  /// Image `item` as planar values `[C, H, W]` in [0, 1].
  package func sample(_ item: Int, flipped: Bool = false) -> [Float] {
    [Float](unsafeUninitializedCapacity: valuesPerImage) { buffer, initialized in
      if let base = buffer.baseAddress { copySample(item, flipped: flipped, into: base) }
      initialized = valuesPerImage
    }
  }

  /// Image `item` as an 8-bit image (for grids and previews).
  package func image(_ item: Int) -> Image {
    precondition(item >= 0 && item < count, "image \(item) is outside 0..<\(count)")
    return images.withUnsafeBufferPointer { all in
      Image(
        planar: UnsafeBufferPointer(
          rebasing: all[(item * valuesPerImage)..<((item + 1) * valuesPerImage)]),
        channels: channels, height: height, width: width)
    }
  }
}
