// Unsafe pointers: a per-pixel kernel of the terminal output, measured (memory spans checked
// every index here and drew half blocks 1.5 times as slowly).
import ImageIO

/// Resizes images for display (faces are small; views are large).
package enum ImageScaler {
  /// `image` resized to `width × height` with `filter`, pixel centres aligned.
  package static func scale(_ image: Image, width: Int, height: Int, filter: ScalingFilter) -> Image
  {
    precondition(width > 0 && height > 0 && image.width > 0 && image.height > 0)
    if width == image.width && height == image.height { return image }
    let channels = image.channels
    var pixels = [UInt8](repeating: 0, count: width * height * channels)
    let scaleX = Double(image.width) / Double(width)
    let scaleY = Double(image.height) / Double(height)
    image.pixels.withUnsafeBufferPointer { source in
      pixels.withUnsafeMutableBufferPointer { target in
        switch filter {
        case .nearest:
          let sourceColumns = (0..<width).map {
            min(Int((Double($0) + 0.5) * scaleX), image.width - 1)
          }
          for y in 0..<height {
            let sourceRow = min(Int((Double(y) + 0.5) * scaleY), image.height - 1)
            for x in 0..<width {
              let from = (sourceRow * image.width + sourceColumns[x]) * channels
              let to = (y * width + x) * channels
              for channel in 0..<channels { target[to + channel] = source[from + channel] }
            }
          }
        case .bilinear:
          let columns = (0..<width).map { samplePosition($0, scale: scaleX, limit: image.width) }
          for y in 0..<height {
            let row = samplePosition(y, scale: scaleY, limit: image.height)
            for x in 0..<width {
              let column = columns[x]
              let to = (y * width + x) * channels
              for channel in 0..<channels {
                func value(_ sx: Int, _ sy: Int) -> Double {
                  Double(source[(sy * image.width + sx) * channels + channel])
                }
                let top =
                  value(column.low, row.low) * (1 - column.fraction)
                  + value(column.high, row.low) * column.fraction
                let bottom =
                  value(column.low, row.high) * (1 - column.fraction)
                  + value(column.high, row.high) * column.fraction
                let mixed = top * (1 - row.fraction) + bottom * row.fraction
                target[to + channel] = UInt8(min(max(mixed.rounded(), 0), 255))
              }
            }
          }
        }
      }
    }
    return Image(width: width, height: height, channels: channels, pixels: pixels)
  }

  /// The two source indices around target index `index`'s centre and the weight of the
  /// second, clamped at the edges.
  private static func samplePosition(
    _ index: Int, scale: Double, limit: Int
  ) -> (low: Int, high: Int, fraction: Double) {
    let centre = max((Double(index) + 0.5) * scale - 0.5, 0)
    let low = min(Int(centre), limit - 1)
    let high = min(low + 1, limit - 1)
    return (low, high, centre - Double(low))
  }
}
