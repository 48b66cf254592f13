import ImageIO

/// The distinct sixel-grid colours of an image, how often each occurs, and which one
/// each pixel has.
struct ColorHistogram {
  /// Distinct colours, ordered by their packed value.
  var colors: [PercentColor]
  /// How many pixels have each colour of ``colors``.
  var counts: [Int]
  /// For each pixel (row-major), its index in ``colors``.
  var pixelColorIndex: [Int32]

  /// The histogram of `image` after rounding every channel to a percentage.
  init(of image: Image) {
    let pixelCount = image.width * image.height
    // Sort (colour, pixel) pairs packed in one integer, then read off the runs.
    var pairs = [UInt64](repeating: 0, count: pixelCount)
    image.pixels.withUnsafeBufferPointer { source in
      pairs.withUnsafeMutableBufferPointer { pairs in
        let channels = image.channels
        for pixel in 0..<pixelCount {
          let offset = pixel * channels
          let red = PercentColor.percent(ofByte: Int(source[offset]))
          let green = channels == 3 ? PercentColor.percent(ofByte: Int(source[offset + 1])) : red
          let blue = channels == 3 ? PercentColor.percent(ofByte: Int(source[offset + 2])) : red
          let key = (red << 14) | (green << 7) | blue
          pairs[pixel] = (UInt64(key) << 32) | UInt64(pixel)
        }
      }
    }
    pairs.sort()
    var colors: [PercentColor] = []
    var counts: [Int] = []
    var pixelColorIndex = [Int32](repeating: 0, count: pixelCount)
    var previousKey = -1
    for pair in pairs {
      let key = Int(pair >> 32)
      if key != previousKey {
        colors.append(PercentColor(packed: key))
        counts.append(0)
        previousKey = key
      }
      counts[counts.count - 1] += 1
      pixelColorIndex[Int(pair & 0xFFFF_FFFF)] = Int32(colors.count - 1)
    }
    self.colors = colors
    self.counts = counts
    self.pixelColorIndex = pixelColorIndex
  }
}
