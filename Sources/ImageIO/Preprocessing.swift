/// Turns an 8-bit image into the model's input: resize, centre crop, channel conversion, and
/// Float32 values in [0, 1], laid out planar `[C, H, W]`.
///
/// This is the seed's pipeline (`Resize(size)`, `CenterCrop(size)`, `ToTensor()`):
/// - **Resize**: with ``Fit-swift.enum/cover`` the image is scaled by one factor so it covers
///   the target (for a square target: its shorter side becomes the target size; the longer side
///   is `round(longer × size / shorter)`), then the centre is cropped (the crop starts at
///   `(scaled − target) / 2`, rounded down). With ``Fit-swift.enum/stretch`` each axis is
///   scaled to the target independently, with no crop (Frey faces at their own 20 × 28).
///   Each axis shrinks by area averaging and grows by bilinear interpolation.
/// - **Channels**: gray to RGB repeats the gray; RGB to gray takes the luma
///   `0.299 R + 0.587 G + 0.114 B` (ITU-R BT.601, as PIL's `convert("L")`).
/// - **Values**: `value / 255`, so 0 is black and 1 is white; no mean or standard-deviation
///   normalisation. The VAE's likelihoods expect exactly this: a Bernoulli decoder reads the
///   values as probabilities in [0, 1], a Gaussian decoder as means on the same scale.
package struct Preprocessing: Hashable, Sendable {
  /// How the image is brought to the target's shape.
  package enum Fit: Hashable, Sendable {
    /// Scale uniformly to cover the target, then crop the centre.
    case cover
    /// Scale each axis to the target on its own (the aspect ratio may change), no crop.
    case stretch
  }

  /// Output columns.
  package var width: Int
  /// Output rows.
  package var height: Int
  /// Output channels: 1 (gray) or 3 (RGB).
  package var channels: Int
  /// How the image is brought to `width × height`.
  package var fit: Fit

  /// A pipeline to `width × height` pixels of `channels` channels.
  package init(width: Int, height: Int, channels: Int, fit: Fit = .cover) {
    precondition(width > 0 && height > 0, "the target must have pixels")
    precondition(channels == 1 || channels == 3, "the target has 1 or 3 channels")
    self.width = width
    self.height = height
    self.channels = channels
    self.fit = fit
  }

  /// A square pipeline: shorter side to `size`, centre crop to `size × size`.
  package init(size: Int, channels: Int) {
    self.init(width: size, height: size, channels: channels, fit: .cover)
  }

  /// Values per output image: `channels × height × width`.
  package var valuesPerImage: Int { channels * height * width }

  /// The image's model input, `[channels, height, width]` Float32 values in [0, 1].
  package func callAsFunction(_ image: Image) -> [Float] {
    var values = [Float](repeating: 0, count: valuesPerImage)
    do {
      var destination = values.mutableSpan
      apply(image, into: &destination)
    }
    return values
  }

  /// Writes the image's model input (``valuesPerImage`` values, `[C, H, W]`, in [0, 1]) to
  /// `destination`, which holds exactly that many.
  package func apply(_ image: Image, into destination: inout MutableSpan<Float>) {
    precondition(
      destination.count == valuesPerImage,
      "room for \(destination.count) values, not \(valuesPerImage)")
    let scaled = scaledSize(sourceWidth: image.width, sourceHeight: image.height)
    let columns = AxisResampler(
      sourceLength: image.width, scaledLength: scaled.width,
      offset: (scaled.width - width) / 2, count: width)
    let rows = AxisResampler(
      sourceLength: image.height, scaledLength: scaled.height,
      offset: (scaled.height - height) / 2, count: height)
    let planes = image.resampledPlanes(columns: columns, rows: rows)
    let plane = width * height
    let source = planes.span
    switch (image.channels, channels) {
    case (1, 3):
      for channel in 0..<3 {
        for index in 0..<plane { destination[channel * plane + index] = source[index] / 255 }
      }
    case (3, 1):
      for index in 0..<plane {
        let luma =
          0.299 * source[index] + 0.587 * source[plane + index] + 0.114
          * source[2 * plane + index]
        destination[index] = min(max(luma / 255, 0), 1)
      }
    default:
      for index in 0..<(plane * channels) { destination[index] = source[index] / 255 }
    }
  }

  /// The size the whole source is scaled to before the centre crop.
  package func scaledSize(sourceWidth: Int, sourceHeight: Int) -> (width: Int, height: Int) {
    switch fit {
    case .stretch:
      return (width, height)
    case .cover:
      let scale = max(Double(width) / Double(sourceWidth), Double(height) / Double(sourceHeight))
      let scaledWidth = max(width, Int((Double(sourceWidth) * scale).rounded()))
      let scaledHeight = max(height, Int((Double(sourceHeight) * scale).rounded()))
      return (scaledWidth, scaledHeight)
    }
  }
}
