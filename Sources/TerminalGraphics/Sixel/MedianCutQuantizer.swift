/// Picks a palette for a weighted set of colours by variance-based median cut: the box
/// with the largest squared error is split, along its widest channel, at the point that
/// leaves the least error in the two halves, until the palette is full. A few rounds of
/// k-means then move each entry to the mean of the colours nearest to it.
enum MedianCutQuantizer {
  /// At most `maxColors` colours representing `colors` (weighted by `counts`). When there
  /// are no more distinct colours than that, the palette is exactly those colours.
  static func palette(
    colors: [PercentColor], counts: [Int], maxColors: Int, refinementRounds: Int = 1
  ) -> [PercentColor] {
    precondition(colors.count == counts.count && maxColors >= 1)
    if colors.count <= maxColors { return colors }
    if colors.count > cellThreshold * maxColors {
      // Many more colours than entries (a photo): cut the colours merged into cells of
      // about 3 percent a side, which picks nearly the same palette at a fraction of the work.
      let cells = merged(colors: colors, counts: counts)
      if cells.colors.count <= maxColors { return cells.colors }
      return cutAndRefine(
        colors: cells.colors, counts: cells.counts, maxColors: maxColors,
        refinementRounds: refinementRounds)
    }
    return cutAndRefine(
      colors: colors, counts: counts, maxColors: maxColors, refinementRounds: refinementRounds)
  }

  /// Median cut of more than `maxColors` colours, then `refinementRounds` of k-means.
  private static func cutAndRefine(
    colors: [PercentColor], counts: [Int], maxColors: Int, refinementRounds: Int
  ) -> [PercentColor] {
    var order = Array(0..<colors.count)
    let channels = [colors.map(\.red), colors.map(\.green), colors.map(\.blue)]
    var boxes = [
      ColorBox(start: 0, end: colors.count, colors: colors, counts: counts, order: order)
    ]
    while boxes.count < maxColors {
      guard let widest = boxes.indices.max(by: { boxes[$0].error < boxes[$1].error }),
        boxes[widest].error > 0, boxes[widest].end - boxes[widest].start > 1
      else { break }
      let box = boxes[widest]
      let split = box.bestSplit(channels: channels, counts: counts, order: &order)
      boxes[widest] = ColorBox(
        start: box.start, end: split, colors: colors, counts: counts, order: order)
      boxes.append(
        ColorBox(start: split, end: box.end, colors: colors, counts: counts, order: order))
    }
    var palette = boxes.map { $0.mean }
    for _ in 0..<refinementRounds {
      palette = refined(palette, colors: colors, counts: counts)
    }
    return palette
  }

  /// How many colours per palette entry make ``palette(colors:counts:maxColors:refinementRounds:)``
  /// work on cells instead.
  static let cellThreshold = 4

  /// The colours merged into cells of 32 levels a channel: each cell's colour is the
  /// weighted mean of its colours (rounded), its count their total.
  static func merged(
    colors: [PercentColor], counts: [Int]
  ) -> (colors: [PercentColor], counts: [Int]) {
    var slotOfCell = [Int32](repeating: -1, count: 1 << 15)
    var sums: [(red: Int, green: Int, blue: Int, count: Int)] = []
    for (color, count) in zip(colors, counts) {
      let cell =
        (color.red * 32 / 101) << 10 | (color.green * 32 / 101) << 5 | (color.blue * 32 / 101)
      if slotOfCell[cell] < 0 {
        slotOfCell[cell] = Int32(sums.count)
        sums.append((0, 0, 0, 0))
      }
      let slot = Int(slotOfCell[cell])
      sums[slot].red += color.red * count
      sums[slot].green += color.green * count
      sums[slot].blue += color.blue * count
      sums[slot].count += count
    }
    let mergedColors = sums.map { sum in
      let half = sum.count / 2
      return PercentColor(
        red: (sum.red + half) / sum.count, green: (sum.green + half) / sum.count,
        blue: (sum.blue + half) / sum.count)
    }
    return (mergedColors, sums.map(\.count))
  }

  /// One k-means round: each entry moves to the weighted mean of the colours nearest to
  /// it; an entry nearest to none stays where it is.
  static func refined(
    _ palette: [PercentColor], colors: [PercentColor], counts: [Int]
  ) -> [PercentColor] {
    let search = NearestColorSearch(palette: palette)
    var sums = [(Int, Int, Int, Int)](repeating: (0, 0, 0, 0), count: palette.count)
    for (index, color) in colors.enumerated() {
      let entry = search.nearest(to: color)
      let weight = counts[index]
      let sum = sums[entry]
      sums[entry] = (
        sum.0 + color.red * weight, sum.1 + color.green * weight, sum.2 + color.blue * weight,
        sum.3 + weight
      )
    }
    return palette.indices.map { entry in
      let sum = sums[entry]
      guard sum.3 > 0 else { return palette[entry] }
      let half = sum.3 / 2
      return PercentColor(
        red: (sum.0 + half) / sum.3, green: (sum.1 + half) / sum.3, blue: (sum.2 + half) / sum.3)
    }
  }
}
