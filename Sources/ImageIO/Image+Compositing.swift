extension Image {
  /// The image of `pixels` with an alpha channel after each pixel's colour (`colorChannels`
  /// of 1 or 3, then alpha), composited over `background`.
  ///
  /// Compositing works on the stored (sRGB-encoded) values:
  /// `out = round((value × alpha + background × (255 − alpha)) / 255)`, so opaque pixels keep
  /// their values exactly and fully transparent ones become the background.
  static func compositing(
    _ pixels: [UInt8], width: Int, height: Int, colorChannels: Int, over background: RGBColor
  ) -> Image {
    let backdrop = background.components(channels: colorChannels).map(Int.init)
    let stride = colorChannels + 1
    var output = [UInt8](repeating: 0, count: width * height * colorChannels)
    let source = pixels.span
    var destination = output.mutableSpan
    for pixel in 0..<(width * height) {
      let alpha = Int(source[pixel * stride + colorChannels])
      for channel in 0..<colorChannels {
        let value = Int(source[pixel * stride + channel])
        let mixed = value * alpha + backdrop[channel] * (255 - alpha)
        destination[pixel * colorChannels + channel] = UInt8((mixed + 127) / 255)
      }
    }
    return Image(width: width, height: height, channels: colorChannels, pixels: output)
  }
}
