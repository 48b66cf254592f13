// Unsafe pointers: a measured per-colour kernel of the sixel encoder.

/// Finds the palette entry nearest to a colour (squared distance on the percent grid)
/// without comparing against every entry: entries are sorted by brightness s = r + g + b,
/// the search starts at the colour's brightness and walks outwards until the brightness
/// gap alone rules out anything closer, since (Δr + Δg + Δb)² ≤ 3 (Δr² + Δg² + Δb²).
/// Faces' colours lie near the grey diagonal, along which brightness spreads them well.
struct NearestColorSearch {
  /// Entries sorted by brightness.
  private let sorted: [PercentColor]
  /// Brightness of each sorted entry.
  private let brightness: [Int]
  /// For each sorted entry, its index in the original palette.
  private let originalIndex: [Int]

  /// A search over `palette` (not empty).
  init(palette: [PercentColor]) {
    precondition(!palette.isEmpty)
    let order = palette.indices.sorted {
      Self.brightness(of: palette[$0]) < Self.brightness(of: palette[$1])
    }
    sorted = order.map { palette[$0] }
    brightness = sorted.map(Self.brightness(of:))
    originalIndex = order
  }

  @inline(__always)
  private static func brightness(of color: PercentColor) -> Int {
    color.red + color.green + color.blue
  }

  /// The index in the palette of the entry nearest to `color`.
  @inline(__always)
  func nearest(to color: PercentColor) -> Int {
    nearest(red: color.red, green: color.green, blue: color.blue)
  }

  /// The index in the palette of the entry nearest to the given percentages.
  func nearest(red: Int, green: Int, blue: Int) -> Int {
    originalIndex[nearestSorted(red: red, green: green, blue: blue, guess: nil)]
  }

  /// The palette index of sorted entry `position` (what ``nearestSorted(red:green:blue:guess:)``
  /// returns).
  func paletteIndex(ofSorted position: Int) -> Int { originalIndex[position] }

  /// The position, among the entries sorted by brightness, of the entry nearest to the
  /// given percentages. A `guess` (a sorted position, such as the answer for a similar
  /// colour) starts the search with a small bound, so fewer entries need a look.
  func nearestSorted(red: Int, green: Int, blue: Int, guess: Int?) -> Int {
    let target = red + green + blue
    return sorted.withUnsafeBufferPointer { entries in
      brightness.withUnsafeBufferPointer { brightness in
        var low = 0
        var high = entries.count
        while low < high {
          let middle = (low + high) / 2
          if brightness[middle] < target { low = middle + 1 } else { high = middle }
        }
        var best = 0
        var bestDistance = Int.max / 4  // so 3 × bestDistance cannot overflow
        /// Looks at entry `position`; false once its brightness alone rules it out (and
        /// so every entry beyond it on that side): an entry whose brightness differs by
        /// Δs is at least Δs²/3 away.
        @inline(__always)
        func consider(_ position: Int) -> Bool {
          let gap = brightness[position] - target
          if gap * gap >= 3 * bestDistance { return false }
          let entry = entries[position]
          let dr = entry.red - red
          let dg = entry.green - green
          let db = entry.blue - blue
          let distance = dr * dr + dg * dg + db * db
          if distance < bestDistance {
            bestDistance = distance
            best = position
          }
          return true
        }
        if let guess { _ = consider(guess) }
        var up = low
        var down = low - 1
        while up < entries.count || down >= 0 {
          if up < entries.count { up = consider(up) ? up + 1 : entries.count }
          if down >= 0 { down = consider(down) ? down - 1 : -1 }
        }
        return best
      }
    }
  }
}

extension NearestColorSearch {
  /// The palette index nearest to each of `colors`. Each search starts from the answer
  /// for the last colour seen in the same cell of 16 levels a channel, which is usually
  /// the answer again, so most searches look at a handful of entries.
  func nearestEntries(of colors: ArraySlice<PercentColor>) -> [UInt8] {
    var answerOfCell = [Int16](repeating: -1, count: 1 << 12)
    var previous: Int?
    return colors.map { color in
      let cell =
        (color.red * 16 / 101) << 8 | (color.green * 16 / 101) << 4 | (color.blue * 16 / 101)
      let cached = answerOfCell[cell]
      let position = nearestSorted(
        red: color.red, green: color.green, blue: color.blue,
        guess: cached >= 0 ? Int(cached) : previous)
      answerOfCell[cell] = Int16(position)
      previous = position
      return UInt8(truncatingIfNeeded: paletteIndex(ofSorted: position))
    }
  }
}
