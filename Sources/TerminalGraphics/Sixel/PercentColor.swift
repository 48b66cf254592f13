/// A colour on sixel's grid: each channel a percentage, 0–100.
package struct PercentColor: Hashable, Sendable {
  /// Red, 0–100.
  package var red: Int
  /// Green, 0–100.
  package var green: Int
  /// Blue, 0–100.
  package var blue: Int

  /// A colour from three percentages.
  package init(red: Int, green: Int, blue: Int) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// The percentage nearest to an 8-bit channel value: round(value × 100 / 255).
  @inline(__always)
  package static func percent(ofByte value: Int) -> Int { (value * 200 + 255) / 510 }

  /// The 8-bit value a decoder shows for a percentage: round half up of p × 255 / 100,
  /// as ImageMagick and libsixel both compute it.
  @inline(__always)
  package static func byte(ofPercent percent: Int) -> Int { (percent * 255 + 50) / 100 }

  /// Channel `index`: 0 red, 1 green, 2 blue.
  @inline(__always)
  func channel(_ index: Int) -> Int { index == 0 ? red : index == 1 ? green : blue }

  /// The three channels packed into one integer, 7 bits each (red highest).
  @inline(__always)
  var packed: Int { (red << 14) | (green << 7) | blue }

  /// The colour whose ``packed`` value is `key`.
  @inline(__always)
  init(packed key: Int) {
    self.init(red: key >> 14, green: (key >> 7) & 0x7F, blue: key & 0x7F)
  }
}
