// Unsafe pointers: a measured per-pixel kernel (the resamplers).

extension Image {
  /// This image resampled to `width × height` (each axis: area averaging when shrinking,
  /// bilinear when growing), rounded to the nearest 8-bit value. Channels are kept.
  package func resized(width newWidth: Int, height newHeight: Int) -> Image {
    let columns = AxisResampler(
      sourceLength: width, scaledLength: newWidth, offset: 0, count: newWidth)
    let rows = AxisResampler(
      sourceLength: height, scaledLength: newHeight, offset: 0, count: newHeight)
    let planes = resampledPlanes(columns: columns, rows: rows)
    let plane = newWidth * newHeight
    var output = [UInt8](repeating: 0, count: plane * channels)
    for index in 0..<plane {
      for channel in 0..<channels {
        let value = planes[channel * plane + index].rounded()
        output[index * channels + channel] = UInt8(min(max(value, 0), 255))
      }
    }
    return Image(width: newWidth, height: newHeight, channels: channels, pixels: output)
  }

  /// The image resampled by two separable passes, as Float planes `[channels, rows, columns]`
  /// holding values on the 0...255 scale (not rounded).
  func resampledPlanes(columns: AxisResampler, rows: AxisResampler) -> [Float] {
    let outWidth = columns.count
    let outHeight = rows.count
    let channels = self.channels
    let sourceWidth = width
    let sourceHeight = height
    // Rows the vertical pass reads, so a crop does not resample rows it throws away.
    var firstRow = sourceHeight
    var endRow = 0
    rows.forEachOutput { _, first, run in
      firstRow = min(firstRow, first)
      endRow = max(endRow, min(first + run.count, sourceHeight))
    }
    // Horizontal pass: [neededRows, outWidth, channels].
    var horizontal = [Float](repeating: 0, count: max(endRow - firstRow, 0) * outWidth * channels)
    pixels.withUnsafeBufferPointer { source in
      horizontal.withUnsafeMutableBufferPointer { target in
        for row in firstRow..<endRow {
          let sourceRow = row * sourceWidth * channels
          let targetRow = (row - firstRow) * outWidth * channels
          columns.forEachOutput { column, first, run in
            let taps = min(run.count, sourceWidth - first)
            for channel in 0..<channels {
              var sum: Float = 0
              for tap in 0..<taps {
                sum += run[tap] * Float(source[sourceRow + (first + tap) * channels + channel])
              }
              target[targetRow + column * channels + channel] = sum
            }
          }
        }
      }
    }
    // Vertical pass into planes.
    var planes = [Float](repeating: 0, count: channels * outHeight * outWidth)
    horizontal.withUnsafeBufferPointer { source in
      planes.withUnsafeMutableBufferPointer { target in
        rows.forEachOutput { row, first, run in
          let taps = min(run.count, sourceHeight - first)
          for channel in 0..<channels {
            let planeRow = (channel * outHeight + row) * outWidth
            for column in 0..<outWidth {
              var sum: Float = 0
              for tap in 0..<taps {
                sum +=
                  run[tap]
                  * source[((first + tap - firstRow) * outWidth + column) * channels + channel]
              }
              target[planeRow + column] = sum
            }
          }
        }
      }
    }
    return planes
  }
}
