import ImageIO

/// Floyd–Steinberg error diffusion onto a sixel palette, on the percent grid, in
/// serpentine order (left to right, then right to left) to avoid directional streaks.
enum FloydSteinberg {
  /// For each pixel of `image` (row-major), the index of the palette entry it takes.
  static func diffuse(_ image: Image, palette: [PercentColor], search: NearestColorSearch)
    -> [UInt8]
  {
    let width = image.width
    // Errors carried to the current and next row, in 1/16 percent, 3 channels, with a
    // one-pixel margin on each side.
    var current = [Int](repeating: 0, count: (width + 2) * 3)
    var next = current
    var result = [UInt8](repeating: 0, count: width * image.height)
    for y in 0..<image.height {
      let leftToRight = y % 2 == 0
      for step in 0..<width {
        let x = leftToRight ? step : width - 1 - step
        let pixel = image.rgb(x: x, y: y)
        let slot = (x + 1) * 3
        let wanted = (
          clampPercent(PercentColor.percent(ofByte: pixel.red) * 16 + current[slot]),
          clampPercent(PercentColor.percent(ofByte: pixel.green) * 16 + current[slot + 1]),
          clampPercent(PercentColor.percent(ofByte: pixel.blue) * 16 + current[slot + 2])
        )
        let entry = search.nearest(
          red: (wanted.0 + 8) / 16, green: (wanted.1 + 8) / 16, blue: (wanted.2 + 8) / 16)
        result[y * width + x] = UInt8(truncatingIfNeeded: entry)
        let chosen = palette[entry]
        let errors = [
          wanted.0 - chosen.red * 16, wanted.1 - chosen.green * 16, wanted.2 - chosen.blue * 16,
        ]
        let ahead = leftToRight ? slot + 3 : slot - 3
        let behind = leftToRight ? slot - 3 : slot + 3
        for channel in 0..<3 {
          let error = errors[channel]
          current[ahead + channel] += error * 7 / 16
          next[behind + channel] += error * 3 / 16
          next[slot + channel] += error * 5 / 16
          next[ahead + channel] += error / 16
        }
      }
      swap(&current, &next)
      for index in next.indices { next[index] = 0 }
    }
    return result
  }

  /// A percentage in 1/16 units clamped to 0…100 %.
  @inline(__always)
  private static func clampPercent(_ value: Int) -> Int { min(max(value, 0), 1600) }
}
