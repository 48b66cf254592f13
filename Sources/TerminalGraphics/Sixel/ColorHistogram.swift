import ImageIO

/// The distinct sixel-grid colours of an image, how often each occurs, and which one
/// each pixel has.
struct ColorHistogram {
  /// Distinct colours, in order of first appearance (row-major).
  var colors: [PercentColor]
  /// How many pixels have each colour of ``colors``.
  var counts: [Int]
  /// For each pixel (row-major), its index in ``colors``.
  var pixelColorIndex: [Int32]

  /// The histogram of `image` after rounding every channel to a percentage.
  init(of image: Image) {
    let pixelCount = image.width * image.height
    // An open-addressing hash table from packed colour to its index in `colors`,
    // at most half full.
    var capacity = 64
    while capacity < pixelCount * 2 { capacity *= 2 }
    let mask = capacity - 1
    var slotKeys = [Int32](repeating: -1, count: capacity)
    var slotIndices = [Int32](repeating: 0, count: capacity)
    var colors: [PercentColor] = []
    var counts: [Int] = []
    var pixelColorIndex = [Int32](repeating: 0, count: pixelCount)
    let channels = image.channels
    image.pixels.withUnsafeBufferPointer { source in
      for pixel in 0..<pixelCount {
        let offset = pixel * channels
        let red = PercentColor.percent(ofByte: Int(source[offset]))
        let green = channels == 3 ? PercentColor.percent(ofByte: Int(source[offset + 1])) : red
        let blue = channels == 3 ? PercentColor.percent(ofByte: Int(source[offset + 2])) : red
        let key = (red << 14) | (green << 7) | blue
        var slot = (key &* 0x9E37_79B1) & mask
        while slotKeys[slot] != -1 && Int(slotKeys[slot]) != key { slot = (slot + 1) & mask }
        if slotKeys[slot] == -1 {
          slotKeys[slot] = Int32(key)
          slotIndices[slot] = Int32(colors.count)
          colors.append(PercentColor(red: red, green: green, blue: blue))
          counts.append(0)
        }
        let index = slotIndices[slot]
        counts[Int(index)] += 1
        pixelColorIndex[pixel] = index
      }
    }
    self.colors = colors
    self.counts = counts
    self.pixelColorIndex = pixelColorIndex
  }
}
