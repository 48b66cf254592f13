/// An 8-bit sRGB colour, used as the background that transparency is composited over
/// and for grid borders.
package struct RGBColor: Hashable, Sendable {
  /// Red, 0...255.
  package var red: UInt8
  /// Green, 0...255.
  package var green: UInt8
  /// Blue, 0...255.
  package var blue: UInt8

  /// The colour with the given components.
  package init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// The gray with the given level in all three components.
  package init(gray: UInt8) {
    self.init(red: gray, green: gray, blue: gray)
  }

  /// 255, 255, 255.
  package static let white = RGBColor(gray: 255)
  /// 0, 0, 0.
  package static let black = RGBColor(gray: 0)

  /// The luma of the colour, `0.299 R + 0.587 G + 0.114 B` (ITU-R BT.601), rounded.
  package var luma: UInt8 {
    let weighted = 299 * Int(red) + 587 * Int(green) + 114 * Int(blue)
    return UInt8((weighted + 500) / 1000)
  }

  /// The colour as `channels` values: `[luma]` for 1, `[red, green, blue]` for 3.
  package func components(channels: Int) -> [UInt8] {
    channels == 1 ? [luma] : [red, green, blue]
  }
}
