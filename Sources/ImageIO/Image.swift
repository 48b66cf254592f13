/// An 8-bit image: rows top to bottom, pixels left to right, channels
/// interleaved (1 = gray, 3 = RGB).
package struct Image: Hashable, Sendable {
  /// Columns.
  package let width: Int
  /// Rows.
  package let height: Int
  /// Values per pixel: 1 (gray) or 3 (RGB).
  package let channels: Int
  /// `height × width × channels` values, row-major, channels interleaved.
  package var pixels: [UInt8]

  /// An image over `pixels`, which must hold `width × height × channels` values.
  package init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
    precondition(channels == 1 || channels == 3, "an Image has 1 or 3 channels, not \(channels)")
    precondition(width >= 0 && height >= 0 && pixels.count == width * height * channels)
    self.width = width
    self.height = height
    self.channels = channels
    self.pixels = pixels
  }

  /// An image filled with one value per channel (`fill.count == channels`).
  package init(width: Int, height: Int, fill: [UInt8]) {
    var pixels = [UInt8]()
    pixels.reserveCapacity(width * height * fill.count)
    for _ in 0..<(width * height) { pixels.append(contentsOf: fill) }
    self.init(width: width, height: height, channels: fill.count, pixels: pixels)
  }

  /// The value of channel `c` at column `x`, row `y`.
  package subscript(x: Int, y: Int, c: Int) -> UInt8 {
    get { pixels[(y * width + x) * channels + c] }
    set { pixels[(y * width + x) * channels + c] = newValue }
  }
}
