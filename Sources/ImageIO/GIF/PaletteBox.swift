/// A set of histogram bins that becomes one palette colour (median cut).
struct PaletteBox {
  /// The occupied bins in the box.
  var bins: [Int]
  /// Pixels in the box.
  let count: Int
  /// The mean colour of those pixels.
  let mean: SIMD3<Double>
  /// Sum over pixels of the squared distance to the mean (bin means stand for their pixels).
  let squaredError: Double

  /// The box of `bins`.
  init(bins: [Int], histogram: ColorCubeHistogram) {
    self.bins = bins
    var count = 0
    var sum = SIMD3<Double>.zero
    for bin in bins {
      count += histogram.counts[bin]
      sum += SIMD3<Double>(histogram.sums[bin])
    }
    self.count = count
    let mean = count > 0 ? sum / Double(count) : .zero
    self.mean = mean
    var error = 0.0
    for bin in bins {
      let difference = histogram.mean(of: bin) - mean
      error += Double(histogram.counts[bin]) * (difference * difference).sum()
    }
    squaredError = error
  }

  /// The mean colour, rounded.
  var meanColor: RGBColor {
    let rounded = mean.rounded(.toNearestOrAwayFromZero)
    return RGBColor(
      red: UInt8(min(255, max(0, rounded.x))), green: UInt8(min(255, max(0, rounded.y))),
      blue: UInt8(min(255, max(0, rounded.z))))
  }

  /// The two halves of this box (which holds at least two bins), cut across the channel whose
  /// pixel values spread most, at the weighted median; both halves are non-empty.
  func split(histogram: ColorCubeHistogram) -> (PaletteBox, PaletteBox) {
    var spread = SIMD3<Double>.zero
    for bin in bins {
      let difference = histogram.mean(of: bin) - mean
      spread += Double(histogram.counts[bin]) * difference * difference
    }
    let channel = spread.x >= spread.y && spread.x >= spread.z ? 0 : (spread.y >= spread.z ? 1 : 2)
    let sorted = bins.sorted { histogram.mean(of: $0)[channel] < histogram.mean(of: $1)[channel] }
    var cut = 1
    var running = histogram.counts[sorted[0]]
    while cut < sorted.count - 1 && running * 2 < count {
      running += histogram.counts[sorted[cut]]
      cut += 1
    }
    return (
      PaletteBox(bins: Array(sorted[..<cut]), histogram: histogram),
      PaletteBox(bins: Array(sorted[cut...]), histogram: histogram)
    )
  }
}
