/// A box of median cut: the colours `order[start..<end]`, with their weighted squared
/// error around their mean.
struct ColorBox {
  /// First position in the shared order.
  let start: Int
  /// One past the last position in the shared order.
  let end: Int
  /// Weighted mean colour, rounded.
  let mean: PercentColor
  /// Total weighted squared distance of the colours from their mean, per channel.
  let channelErrors: (Double, Double, Double)

  /// Sum of ``channelErrors``.
  var error: Double { channelErrors.0 + channelErrors.1 + channelErrors.2 }

  /// The box over `order[start..<end]`.
  init(start: Int, end: Int, colors: [PercentColor], counts: [Int], order: [Int]) {
    self.start = start
    self.end = end
    var weight = 0
    var sum = (0, 0, 0)
    var squares = (0, 0, 0)
    for position in start..<end {
      let color = colors[order[position]]
      let count = counts[order[position]]
      weight += count
      sum = (sum.0 + count * color.red, sum.1 + count * color.green, sum.2 + count * color.blue)
      squares = (
        squares.0 + count * color.red * color.red, squares.1 + count * color.green * color.green,
        squares.2 + count * color.blue * color.blue
      )
    }
    let total = Double(weight)
    channelErrors = (
      Double(squares.0) - Double(sum.0 * sum.0) / total,
      Double(squares.1) - Double(sum.1 * sum.1) / total,
      Double(squares.2) - Double(sum.2 * sum.2) / total
    )
    let half = weight / 2
    mean = PercentColor(
      red: (sum.0 + half) / weight, green: (sum.1 + half) / weight, blue: (sum.2 + half) / weight)
  }

  /// Sorts the box's colours along its widest channel (a counting sort: values are
  /// 0–100) and returns the position that splits them with the least total squared
  /// error on that channel.
  ///
  /// - Parameters:
  ///   - channels: the red, green and blue values of every colour, one array each.
  func bestSplit(channels: [[Int]], counts: [Int], order: inout [Int]) -> Int {
    let channel =
      channelErrors.0 >= channelErrors.1 && channelErrors.0 >= channelErrors.2
      ? 0 : channelErrors.1 >= channelErrors.2 ? 1 : 2
    let values = channels[channel]
    var bucketStart = [Int](repeating: 0, count: 102)
    for position in start..<end { bucketStart[values[order[position]] + 1] += 1 }
    for value in 1..<102 { bucketStart[value] += bucketStart[value - 1] }
    var sorted = [Int](repeating: 0, count: end - start)
    for position in start..<end {
      let index = order[position]
      sorted[bucketStart[values[index]]] = index
      bucketStart[values[index]] += 1
    }
    order.replaceSubrange(start..<end, with: sorted)
    var totalWeight = 0
    var totalSum = 0
    for index in sorted {
      totalWeight += counts[index]
      totalSum += counts[index] * values[index]
    }
    var bestPosition = start + (end - start) / 2
    var bestScore = -Double.infinity
    var weight = 0
    var sum = 0
    for offset in 0..<(sorted.count - 1) {
      let index = sorted[offset]
      weight += counts[index]
      sum += counts[index] * values[index]
      // Splitting only between different values keeps equal colours together.
      guard values[index] != values[sorted[offset + 1]] else { continue }
      // Minimising the halves' error is maximising Σ²/w of both halves.
      let rest = totalSum - sum
      let score =
        Double(sum) * Double(sum) / Double(weight)
        + Double(rest) * Double(rest) / Double(totalWeight - weight)
      if score > bestScore {
        bestScore = score
        bestPosition = start + offset + 1
      }
    }
    return bestPosition
  }
}
