import ImageIO

extension Image {
  /// The red, green and blue values at column `x`, row `y` (a gray pixel repeated).
  @inline(__always)
  func rgb(x: Int, y: Int) -> (red: Int, green: Int, blue: Int) {
    let offset = (y * width + x) * channels
    if channels == 1 {
      let value = Int(pixels[offset])
      return (value, value, value)
    }
    return (Int(pixels[offset]), Int(pixels[offset + 1]), Int(pixels[offset + 2]))
  }

  /// The image as RGB (a gray image has its value copied to all three channels).
  package func rgbImage() -> Image {
    if channels == 3 { return self }
    var expanded = [UInt8]()
    expanded.reserveCapacity(width * height * 3)
    for value in pixels { expanded.append(contentsOf: [value, value, value]) }
    return Image(width: width, height: height, channels: 3, pixels: expanded)
  }
}
