/// The portable part of the xterm 256-colour palette: the 6×6×6 colour cube (16–231)
/// and the 24-step grey ramp (232–255). The 16 theme colours (0–15) are never used,
/// because every user's theme changes them.
package enum XtermPalette {
  /// The six channel levels of the cube: 0, then 95 + 40 i.
  package static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

  /// The RGB value that index `index` (16–255) shows in an xterm-compatible terminal.
  package static func rgb(ofIndex index: UInt8) -> (red: UInt8, green: UInt8, blue: UInt8) {
    precondition(index >= 16, "indices 0–15 follow the user's theme")
    if index >= 232 {
      let level = UInt8(8 + 10 * Int(index - 232))
      return (level, level, level)
    }
    let cube = Int(index) - 16
    return (
      UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[(cube / 6) % 6]), UInt8(cubeLevels[cube % 6])
    )
  }

  /// The index (16–255) nearest to `red`, `green`, `blue` in squared RGB distance:
  /// the closest cube colour or the closest grey, whichever is nearer.
  @inline(__always)
  package static func nearestIndex(red: Int, green: Int, blue: Int) -> UInt8 {
    let redLevel = cubeLevelIndex(red)
    let greenLevel = cubeLevelIndex(green)
    let blueLevel = cubeLevelIndex(blue)
    let cubeDistance =
      square(red - cubeLevel(redLevel)) + square(green - cubeLevel(greenLevel))
      + square(blue - cubeLevel(blueLevel))
    // The grey nearest to a colour is the one nearest to its mean: the k that
    // minimises |(r + g + b) − 3 (8 + 10 k)|.
    let greyStep = min(max((red + green + blue - 9) / 30, 0), 23)
    let grey = 8 + 10 * greyStep
    let greyDistance = square(red - grey) + square(green - grey) + square(blue - grey)
    if greyDistance < cubeDistance { return UInt8(232 + greyStep) }
    return UInt8(16 + 36 * redLevel + 6 * greenLevel + blueLevel)
  }

  /// The index (16–255) for `red`, `green`, `blue` that keeps its hue: of the 8 cube colours
  /// around it (each channel's level at or below it and the next one up) and the nearest grey,
  /// the one nearest in luma (Rec. 601) plus twice the squared error in two opponent axes
  /// (red − green, (red + green) / 2 − blue). Plain RGB distance rounds each channel on its
  /// own and turns skin tones olive; this keeps them within 30° of hue (measured on a skin-tone
  /// gradient), and the ordered dither, the same offset on every channel, supplies the
  /// lightness in between.
  @inline(__always)
  package static func nearestIndexKeepingHue(red: Int, green: Int, blue: Int) -> UInt8 {
    let luma = 299 * red + 587 * green + 114 * blue
    let opponentA = red - green
    let opponentB = red + green - 2 * blue
    // Squared errors in thousandths of luma and in twice the opponent axes' units, weighted so
    // that distance = ΔY² + 2 (Δa² + Δb²) with b in (r + g) / 2 − b units.
    func distance(_ r: Int, _ g: Int, _ b: Int) -> Int {
      let dY = 299 * r + 587 * g + 114 * b - luma
      let dA = r - g - opponentA
      let dB = r + g - 2 * b - opponentB
      return dY * dY / 1_000_000 + 2 * dA * dA + dB * dB / 2
    }
    let low = (floorLevelIndex(red), floorLevelIndex(green), floorLevelIndex(blue))
    var best = (index: 0, distance: Int.max)
    for corner in 0..<8 {
      let r = min(low.0 + (corner & 1), 5)
      let g = min(low.1 + ((corner >> 1) & 1), 5)
      let b = min(low.2 + ((corner >> 2) & 1), 5)
      let d = distance(cubeLevel(r), cubeLevel(g), cubeLevel(b))
      if d < best.distance { best = (16 + 36 * r + 6 * g + b, d) }
    }
    let greyStep = min(max((red + green + blue - 9) / 30, 0), 23)
    let grey = 8 + 10 * greyStep
    if distance(grey, grey, grey) < best.distance { return UInt8(232 + greyStep) }
    return UInt8(best.index)
  }

  /// The highest cube level (0–5) at or below a channel value.
  @inline(__always)
  static func floorLevelIndex(_ value: Int) -> Int {
    value < 95 ? 0 : min((value - 55) / 40, 5)
  }

  /// The cube level (0–5) nearest to a channel value.
  @inline(__always)
  static func cubeLevelIndex(_ value: Int) -> Int {
    if value < 48 { return 0 }
    if value < 115 { return 1 }
    return min((value - 35) / 40, 5)
  }

  /// The channel value of cube level `index` (0–5).
  @inline(__always)
  static func cubeLevel(_ index: Int) -> Int { index == 0 ? 0 : 55 + 40 * index }

  @inline(__always)
  static func square(_ value: Int) -> Int { value * value }
}
