extension Image {
  /// The image as planar Float32 values `[channels, height, width]` in [0, 1] (`value / 255`).
  package func planarValues() -> [Float] {
    let plane = width * height
    var values = [Float](repeating: 0, count: plane * channels)
    for index in 0..<plane {
      for channel in 0..<channels {
        values[channel * plane + index] = Float(pixels[index * channels + channel]) / 255
      }
    }
    return values
  }

  /// The image of planar `[channels, height, width]` values in [0, 1]: each becomes
  /// `round(value × 255)`, clamped to 0...255 (NaN becomes 0).
  package init(planar values: Span<Float>, channels: Int, height: Int, width: Int) {
    precondition(values.count == channels * height * width, "planar values do not match the shape")
    let plane = width * height
    var pixels = [UInt8](repeating: 0, count: plane * channels)
    for index in 0..<plane {
      for channel in 0..<channels {
        let scaled = values[channel * plane + index] * 255
        let clamped = scaled.isNaN ? 0 : min(max(scaled.rounded(), 0), 255)
        pixels[index * channels + channel] = UInt8(clamped)
      }
    }
    self.init(width: width, height: height, channels: channels, pixels: pixels)
  }

  /// The image of planar `[channels, height, width]` values in [0, 1] (see the span variant).
  package init(planar values: [Float], channels: Int, height: Int, width: Int) {
    self.init(planar: values.span, channels: channels, height: height, width: width)
  }

  /// This image with each pixel repeated into a `factor × factor` block (nearest neighbour).
  package func upscaled(by factor: Int) -> Image {
    precondition(factor >= 1, "the upscaling factor is at least 1")
    if factor == 1 { return self }
    let newWidth = width * factor
    var output = [UInt8](repeating: 0, count: newWidth * height * factor * channels)
    for y in 0..<(height * factor) {
      for x in 0..<newWidth {
        let source = ((y / factor) * width + x / factor) * channels
        let target = (y * newWidth + x) * channels
        for channel in 0..<channels { output[target + channel] = pixels[source + channel] }
      }
    }
    return Image(width: newWidth, height: height * factor, channels: channels, pixels: output)
  }

  /// This image mirrored left to right.
  package func flippedHorizontally() -> Image {
    var output = pixels
    for y in 0..<height {
      for x in 0..<width {
        for channel in 0..<channels {
          output[(y * width + x) * channels + channel] =
            pixels[(y * width + width - 1 - x) * channels + channel]
        }
      }
    }
    return Image(width: width, height: height, channels: channels, pixels: output)
  }

  /// This image with `channels` channels: gray to RGB repeats the gray, RGB to gray takes the
  /// rounded luma `0.299 R + 0.587 G + 0.114 B`.
  package func converted(toChannels newChannels: Int) -> Image {
    precondition(newChannels == 1 || newChannels == 3)
    if newChannels == channels { return self }
    let count = width * height
    var output = [UInt8](repeating: 0, count: count * newChannels)
    for index in 0..<count {
      if newChannels == 3 {
        for channel in 0..<3 { output[index * 3 + channel] = pixels[index] }
      } else {
        let color = RGBColor(
          red: pixels[index * 3], green: pixels[index * 3 + 1], blue: pixels[index * 3 + 2])
        output[index] = color.luma
      }
    }
    return Image(width: width, height: height, channels: newChannels, pixels: output)
  }
}
