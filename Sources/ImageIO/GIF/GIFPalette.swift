/// Up to 256 colours shared by every frame of an animation, chosen from the frames' pixels.
///
/// When the frames hold at most `maxColors` distinct colours they are the palette, exactly.
/// Otherwise a variance median cut runs on a 5-bit-per-channel histogram of all pixels: the box
/// with the largest squared error is split at the weighted median of its widest channel, until
/// there are `maxColors` boxes; each box's colour is the mean of the real pixels in it.
package struct GIFPalette: Hashable, Sendable {
  /// The colours, at most 256.
  package var colors: [RGBColor]

  /// A palette of exactly these colours.
  package init(colors: [RGBColor]) {
    precondition(!colors.isEmpty && colors.count <= 256, "a GIF palette has 1 to 256 colours")
    self.colors = colors
  }

  /// The palette for `frames` (gray frames count as RGB), at most `maxColors` entries.
  package init(quantizing frames: [Image], maxColors: Int = 256) {
    precondition(maxColors >= 1 && maxColors <= 256)
    if let exact = Self.distinctColors(in: frames, limit: maxColors) {
      self.init(colors: exact.isEmpty ? [.black] : exact)
      return
    }
    let histogram = ColorCubeHistogram(frames: frames)
    var boxes = [PaletteBox(bins: histogram.occupiedBins, histogram: histogram)]
    while boxes.count < maxColors {
      guard
        let worst = boxes.indices.filter({ boxes[$0].bins.count > 1 })
          .max(by: { boxes[$0].squaredError < boxes[$1].squaredError })
      else { break }
      let (low, high) = boxes[worst].split(histogram: histogram)
      boxes[worst] = low
      boxes.append(high)
    }
    var colors = boxes.map(\.mean)
    for _ in 0..<Self.refinementRounds { colors = Self.refined(colors, histogram: histogram) }
    self.init(colors: colors.map(Self.rounded))
  }

  /// Rounds of k-means (Lloyd) over the histogram's bins after the median cut.
  static let refinementRounds = 3

  /// One k-means round: every occupied bin joins its nearest colour, each colour moves to the
  /// mean of its pixels (a colour that wins no bin stays).
  static func refined(_ colors: [SIMD3<Double>], histogram: ColorCubeHistogram) -> [SIMD3<Double>] {
    var sums = [SIMD3<Double>](repeating: .zero, count: colors.count)
    var counts = [Int](repeating: 0, count: colors.count)
    for bin in histogram.occupiedBins {
      let m = histogram.mean(of: bin)
      var best = 0
      var bestDistance = Double.infinity
      for (index, color) in colors.enumerated() {
        let difference = color - m
        let distance = (difference * difference).sum()
        if distance < bestDistance {
          bestDistance = distance
          best = index
        }
      }
      sums[best] += SIMD3<Double>(histogram.sums[bin])
      counts[best] += histogram.counts[bin]
    }
    return colors.indices.map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : colors[$0] }
  }

  /// A colour of Doubles rounded and clamped to 8 bits.
  static func rounded(_ color: SIMD3<Double>) -> RGBColor {
    let r = color.rounded(.toNearestOrAwayFromZero)
      .clamped(lowerBound: .zero, upperBound: SIMD3(repeating: 255))
    return RGBColor(red: UInt8(r.x), green: UInt8(r.y), blue: UInt8(r.z))
  }

  /// The distinct colours of `frames` in first-seen order, or nil when there are over `limit`.
  static func distinctColors(in frames: [Image], limit: Int) -> [RGBColor]? {
    var seen = Set<UInt32>()
    var colors = [RGBColor]()
    for frame in frames {
      for pixel in 0..<(frame.width * frame.height) {
        let color = frame.rgb(at: pixel)
        if seen.insert(color.packed).inserted {
          colors.append(color)
          if colors.count > limit { return nil }
        }
      }
    }
    return colors
  }

  /// The index of the entry nearest to (r, g, b) in squared RGB distance (first on ties).
  package func nearestIndex(red: Int, green: Int, blue: Int) -> Int {
    var best = 0
    var bestDistance = Int.max
    for (index, color) in colors.enumerated() {
      let dr = Int(color.red) - red
      let dg = Int(color.green) - green
      let db = Int(color.blue) - blue
      let distance = dr * dr + dg * dg + db * db
      if distance < bestDistance {
        bestDistance = distance
        best = index
        if distance == 0 { break }
      }
    }
    return best
  }
}

extension RGBColor {
  /// 0x00RRGGBB.
  var packed: UInt32 { UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue) }
}

extension Image {
  /// Pixel `index` (row-major) as RGB; gray repeats its level.
  func rgb(at index: Int) -> RGBColor {
    if channels == 1 { return RGBColor(gray: pixels[index]) }
    return RGBColor(
      red: pixels[index * 3], green: pixels[index * 3 + 1], blue: pixels[index * 3 + 2])
  }
}
