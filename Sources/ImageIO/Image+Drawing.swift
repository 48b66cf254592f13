extension Image {
  /// Fills the rectangle of `width × height` pixels at column `x`, row `y` with `color`
  /// (its luma on a gray image); the part outside the image is skipped.
  package mutating func fill(x: Int, y: Int, width: Int, height: Int, color: RGBColor) {
    let value = color.components(channels: channels)
    let left = max(x, 0)
    let right = min(x + width, self.width)
    let top = max(y, 0)
    let bottom = min(y + height, self.height)
    guard left < right, top < bottom else { return }
    let columns = left..<right
    let rows = top..<bottom
    for row in rows {
      for column in columns {
        for channel in 0..<channels { self[column, row, channel] = value[channel] }
      }
    }
  }

  /// Copies `image` (converted to this image's channels) with its top-left corner at column `x`,
  /// row `y`; the part outside this image is skipped.
  package mutating func paste(_ image: Image, x: Int, y: Int) {
    let source = image.converted(toChannels: channels)
    for row in max(0, -y)..<min(source.height, height - y) {
      for column in max(0, -x)..<min(source.width, width - x) {
        for channel in 0..<channels {
          self[x + column, y + row, channel] = source[column, row, channel]
        }
      }
    }
  }

  /// Draws `text` in the built-in ``BitmapFont`` with its top-left corner at column `x`, row
  /// `y`, each font pixel a `scale × scale` square of `color`; what falls outside is clipped.
  package mutating func drawText(
    _ text: String, x: Int, y: Int, color: RGBColor, scale: Int = 1
  ) {
    for (position, character) in text.enumerated() {
      let left = x + position * BitmapFont.advance * scale
      for (row, bits) in BitmapFont.rows(for: character).enumerated() {
        for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(column)) != 0 {
          fill(
            x: left + column * scale, y: y + row * scale, width: scale, height: scale,
            color: color)
        }
      }
    }
  }
}
