/// How many colours a block blitter may use.
package enum CellColorDepth: Hashable, Sendable {
  /// 24-bit colour (`COLORTERM=truecolor`).
  case truecolor
  /// The xterm cube and grey ramp (indices 16–255), optionally with ordered dithering: the
  /// same offset on every channel (lightness only), and the palette colour that keeps the
  /// hue (``XtermPalette/nearestIndexKeepingHue(red:green:blue:)``).
  case palette256(dithered: Bool)

  /// The terminal colour for a pixel at `x`, `y` (the position drives the dither pattern).
  @inline(__always)
  func color(red: Int, green: Int, blue: Int, x: Int, y: Int) -> TerminalColor {
    switch self {
    case .truecolor:
      return .rgb(UInt8(red), UInt8(green), UInt8(blue))
    case .palette256(let dithered):
      if !dithered {
        return .indexed256(XtermPalette.nearestIndex(red: red, green: green, blue: blue))
      }
      let offset = OrderedDither.offset(x: x, y: y)
      return .indexed256(
        XtermPalette.nearestIndexKeepingHue(
          red: clampChannel(red + offset), green: clampChannel(green + offset),
          blue: clampChannel(blue + offset)))
    }
  }
}

/// `value` clamped to 0...255.
@inline(__always)
func clampChannel(_ value: Int) -> Int { min(max(value, 0), 255) }
