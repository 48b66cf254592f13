import ImageIO

extension FaceDataset {
  /// Copies image `item` (`[C, H, W]`, ``valuesPerImage`` values) to `destination` (exactly
  /// ``valuesPerImage`` values), mirrored left to right when `flipped` (the training
  /// augmentation). Allocates nothing, so a trainer can call it for every image of every
  /// minibatch.
  package func copySample(
    _ item: Int, flipped: Bool = false, into destination: inout MutableSpan<Float>
  ) {
    precondition(item >= 0 && item < count, "image \(item) is outside 0..<\(count)")
    precondition(
      destination.count == valuesPerImage,
      "room for \(destination.count) values, not \(valuesPerImage)")
    let source = images.span.extracting((item * valuesPerImage)..<((item + 1) * valuesPerImage))
    if !flipped {
      for index in 0..<valuesPerImage { destination[index] = source[index] }
      return
    }
    for row in 0..<(channels * height) {
      let start = row * width
      for column in 0..<width { destination[start + column] = source[start + width - 1 - column] }
    }
  }

  /// Image `item` as planar values `[C, H, W]` in [0, 1].
  package func sample(_ item: Int, flipped: Bool = false) -> [Float] {
    var values = [Float](repeating: 0, count: valuesPerImage)
    do {
      var destination = values.mutableSpan
      copySample(item, flipped: flipped, into: &destination)
    }
    return values
  }

  /// Image `item` as an 8-bit image (for grids and previews).
  package func image(_ item: Int) -> Image {
    precondition(item >= 0 && item < count, "image \(item) is outside 0..<\(count)")
    return Image(
      planar: images.span.extracting((item * valuesPerImage)..<((item + 1) * valuesPerImage)),
      channels: channels, height: height, width: width)
  }
}
