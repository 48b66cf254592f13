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

  /// The two halves of this box (which holds at least two bins), cut across the channel whose
  /// pixel values spread most, where the two halves' squared errors add up to the least; both
  /// halves are non-empty.
  func split(histogram: ColorCubeHistogram) -> (PaletteBox, PaletteBox) {
    var spread = SIMD3<Double>.zero
    for bin in bins {
      let difference = histogram.mean(of: bin) - mean
      spread += Double(histogram.counts[bin]) * difference * difference
    }
    let channel = spread.x >= spread.y && spread.x >= spread.z ? 0 : (spread.y >= spread.z ? 1 : 2)
    let sorted = bins.sorted { histogram.mean(of: $0)[channel] < histogram.mean(of: $1)[channel] }
    // SSE of a group = Σ n·‖m‖² − ‖Σ n·m‖² / Σ n over its bins (m = a bin's mean colour).
    var totalSquares = 0.0
    var totalSum = SIMD3<Double>.zero
    for bin in sorted {
      let m = histogram.mean(of: bin)
      totalSquares += Double(histogram.counts[bin]) * (m * m).sum()
      totalSum += SIMD3<Double>(histogram.sums[bin])
    }
    var bestCut = 1
    var bestError = Double.infinity
    var squares = 0.0
    var sum = SIMD3<Double>.zero
    var pixels = 0
    for cut in 1..<sorted.count {
      let bin = sorted[cut - 1]
      let m = histogram.mean(of: bin)
      squares += Double(histogram.counts[bin]) * (m * m).sum()
      sum += SIMD3<Double>(histogram.sums[bin])
      pixels += histogram.counts[bin]
      let rest = count - pixels
      let rightSum = totalSum - sum
      let error =
        squares - (sum * sum).sum() / Double(pixels) + (totalSquares - squares)
        - (rightSum * rightSum).sum() / Double(max(1, rest))
      if error < bestError {
        bestError = error
        bestCut = cut
      }
    }
    return (
      PaletteBox(bins: Array(sorted[..<bestCut]), histogram: histogram),
      PaletteBox(bins: Array(sorted[bestCut...]), histogram: histogram)
    )
  }
}
