/// Finds the palette entry nearest to a colour (squared distance on the percent grid)
/// without comparing against every entry: entries are sorted by green, the search starts
/// at the colour's green and walks outwards until the green gap alone exceeds the best.
struct NearestColorSearch {
  /// Entries sorted by green.
  private let sorted: [PercentColor]
  /// For each sorted entry, its index in the original palette.
  private let originalIndex: [Int]

  /// A search over `palette` (not empty).
  init(palette: [PercentColor]) {
    precondition(!palette.isEmpty)
    let order = palette.indices.sorted { palette[$0].green < palette[$1].green }
    sorted = order.map { palette[$0] }
    originalIndex = order
  }

  /// The index in the palette of the entry nearest to `color`.
  @inline(__always)
  func nearest(to color: PercentColor) -> Int {
    nearest(red: color.red, green: color.green, blue: color.blue)
  }

  /// The index in the palette of the entry nearest to the given percentages.
  func nearest(red: Int, green: Int, blue: Int) -> Int {
    sorted.withUnsafeBufferPointer { entries in
      var low = 0
      var high = entries.count
      while low < high {
        let middle = (low + high) / 2
        if entries[middle].green < green { low = middle + 1 } else { high = middle }
      }
      var best = 0
      var bestDistance = Int.max
      var up = low
      var down = low - 1
      while up < entries.count || down >= 0 {
        if up < entries.count {
          let entry = entries[up]
          let dg = entry.green - green
          if dg * dg >= bestDistance {
            up = entries.count
          } else {
            let dr = entry.red - red
            let db = entry.blue - blue
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance {
              bestDistance = distance
              best = up
            }
            up += 1
          }
        }
        if down >= 0 {
          let entry = entries[down]
          let dg = entry.green - green
          if dg * dg >= bestDistance {
            down = -1
          } else {
            let dr = entry.red - red
            let db = entry.blue - blue
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance {
              bestDistance = distance
              best = down
            }
            down -= 1
          }
        }
      }
      return originalIndex[best]
    }
  }
}
