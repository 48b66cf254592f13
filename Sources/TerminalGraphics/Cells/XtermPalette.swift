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
