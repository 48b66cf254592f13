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

  /// Sorts the box's colours along its widest channel and returns the position that
  /// splits them with the least total squared error on that channel.
  func bestSplit(colors: [PercentColor], counts: [Int], order: inout [Int]) -> Int {
    let channel: KeyPath<PercentColor, Int> =
      channelErrors.0 >= channelErrors.1 && channelErrors.0 >= channelErrors.2
      ? \.red : channelErrors.1 >= channelErrors.2 ? \.green : \.blue
    order[start..<end].sort { colors[$0][keyPath: channel] < colors[$1][keyPath: channel] }
    var totalWeight = 0
    var totalSum = 0
    for position in start..<end {
      totalWeight += counts[order[position]]
      totalSum += counts[order[position]] * colors[order[position]][keyPath: channel]
    }
    var bestPosition = start + (end - start) / 2
    var bestScore = -Double.infinity
    var weight = 0
    var sum = 0
    for position in start..<(end - 1) {
      let index = order[position]
      weight += counts[index]
      sum += counts[index] * colors[index][keyPath: channel]
      // Splitting only between different values keeps equal colours together.
      let here = colors[index][keyPath: channel]
      let next = colors[order[position + 1]][keyPath: channel]
      guard here != next else { continue }
      // Minimising the halves' error is maximising Σ²/w of both halves.
      let rest = totalSum - sum
      let score =
        Double(sum) * Double(sum) / Double(weight)
        + Double(rest) * Double(rest) / Double(totalWeight - weight)
      if score > bestScore {
        bestScore = score
        bestPosition = position + 1
      }
    }
    return bestPosition
  }
}
