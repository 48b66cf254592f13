// Unsafe pointers: the resamplers' measured per-pixel inner loop reads weight runs through buffers.

/// The weights that resample one axis: each output position is a weighted sum of a few
/// consecutive source positions.
///
/// Shrinking uses area averaging (each output pixel covers `source / scaled` source pixels and
/// averages them, weighting partly covered ones by the covered fraction); growing uses bilinear
/// interpolation between pixel centres (the `align_corners = false` convention, clamped at the
/// edges); equal lengths copy. Output positions `offset ..< offset + count` of the scaled axis
/// are kept, which is how a centre crop is taken without resampling the cropped-away part.
struct AxisResampler {
  /// Output positions.
  let count: Int
  /// Source position of each output's first weight.
  private(set) var firstSource: [Int]
  /// Weights per output; unused tails are 0.
  private(set) var weights: [Float]
  /// Weights stored per output (the longest run).
  let stride: Int

  /// Weights for a source axis of `sourceLength` pixels scaled to `scaledLength`, keeping the
  /// `count` outputs from `offset`.
  init(sourceLength: Int, scaledLength: Int, offset: Int, count: Int) {
    precondition(sourceLength > 0 && scaledLength > 0 && offset >= 0)
    precondition(offset + count <= scaledLength)
    let scale = Double(sourceLength) / Double(scaledLength)
    var runs = [(first: Int, weights: [Double])]()
    runs.reserveCapacity(count)
    for position in offset..<(offset + count) {
      if scaledLength == sourceLength {
        runs.append((position, [1]))
      } else if scaledLength < sourceLength {
        runs.append(Self.areaRun(position: position, scale: scale, sourceLength: sourceLength))
      } else {
        runs.append(Self.bilinearRun(position: position, scale: scale, sourceLength: sourceLength))
      }
    }
    self.count = count
    self.stride = runs.map(\.weights.count).max() ?? 1
    var firstSource = [Int]()
    var weights = [Float](repeating: 0, count: count * stride)
    for (index, run) in runs.enumerated() {
      firstSource.append(run.first)
      for (tap, weight) in run.weights.enumerated() {
        weights[index * stride + tap] = Float(weight)
      }
    }
    self.firstSource = firstSource
    self.weights = weights
  }

  /// The source range that output `position` averages: `[position × scale, (position + 1) × scale)`.
  private static func areaRun(position: Int, scale: Double, sourceLength: Int)
    -> (first: Int, weights: [Double])
  {
    let low = Double(position) * scale
    let high = min(Double(position + 1) * scale, Double(sourceLength))
    let first = Int(low.rounded(.down))
    let end = min(Int(high.rounded(.up)), sourceLength)
    var weights = [Double]()
    for source in first..<max(end, first + 1) {
      let covered = min(high, Double(source + 1)) - max(low, Double(source))
      weights.append(max(covered, 0) / scale)
    }
    let total = weights.reduce(0, +)
    return (first, weights.map { $0 / total })
  }

  /// The two source pixels around output `position`'s centre, mapped back to the source.
  private static func bilinearRun(position: Int, scale: Double, sourceLength: Int)
    -> (first: Int, weights: [Double])
  {
    let centre = (Double(position) + 0.5) * scale - 0.5
    let clamped = min(max(centre, 0), Double(sourceLength - 1))
    let first = min(Int(clamped.rounded(.down)), max(sourceLength - 2, 0))
    if sourceLength == 1 { return (0, [1]) }
    let fraction = clamped - Double(first)
    return (first, [1 - fraction, fraction])
  }

  /// Calls `body(output, firstSource, weights)` for each output position; `weights` holds
  /// ``stride`` values, trailing zeros included.
  @inline(__always)
  func forEachOutput(_ body: (Int, Int, UnsafeBufferPointer<Float>) -> Void) {
    weights.withUnsafeBufferPointer { all in
      for output in 0..<count {
        let run = UnsafeBufferPointer(rebasing: all[(output * stride)..<((output + 1) * stride)])
        body(output, firstSource[output], run)
      }
    }
  }
}
