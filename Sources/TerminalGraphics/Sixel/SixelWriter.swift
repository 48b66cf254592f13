import LatentBasics

// Unsafe pointers: a measured per-pixel kernel of the sixel encoder.

/// Writes the sixel byte stream for an image already mapped to a palette.
///
/// Each band of six rows is written colour by colour. The work follows the pixels, not
/// colours × width: one pass over the band's columns records, for every colour present
/// in a column, its six bits there; a counting sort groups those records by colour, and
/// each colour's row is written from its records, the gaps between them as runs of blanks.
enum SixelWriter {
  /// DCS introducer: aspect parameter 0, P2 = 1 (pixels not drawn keep their colour).
  static let introducer: [UInt8] = [
    0x1B, UInt8(ascii: "P"), UInt8(ascii: "0"), UInt8(ascii: ";"),
    UInt8(ascii: "1"), UInt8(ascii: ";"), UInt8(ascii: "0"), UInt8(ascii: "q"),
  ]
  /// String terminator, ESC \.
  static let terminator: [UInt8] = [0x1B, UInt8(ascii: "\\")]

  /// The sixel bytes for a `width × height` image whose pixel `i` has colour
  /// `palette[pixelPaletteIndex[i]]`.
  static func write(
    width: Int, height: Int, palette: [PercentColor], pixelPaletteIndex: [UInt8]
  ) -> [UInt8] {
    var out = ByteWriter(capacity: 64 + palette.count * 20 + width * height / 2)
    out.append(introducer)
    out.write(UInt8(ascii: "\""))
    for (position, value) in [1, 1, width, height].enumerated() {
      if position > 0 { out.write(UInt8(ascii: ";")) }
      out.writeDecimal(value)
    }
    var used = [Bool](repeating: false, count: 256)
    for index in pixelPaletteIndex { used[Int(index)] = true }
    for (index, color) in palette.enumerated() where used[index] {
      out.reserve(20)
      out.write(UInt8(ascii: "#"))
      out.writeDecimal(index)
      out.write(UInt8(ascii: ";"))
      out.write(UInt8(ascii: "2"))
      for channel in [color.red, color.green, color.blue] {
        out.write(UInt8(ascii: ";"))
        out.writeDecimal(channel)
      }
    }
    // Bands are independent: a large image's two halves are written at once.
    let bandCount = (height + 5) / 6
    let parts = width * height >= SixelEncoder.minimumPixelsToSplit && bandCount >= 2 ? 2 : 1
    let pieces = WorkerPool.shared.map(parts) { part in
      bands(
        (bandCount * part / parts)..<(bandCount * (part + 1) / parts), of: pixelPaletteIndex,
        width: width, height: height)
    }
    for piece in pieces { out.append(piece) }
    out.append(terminator)
    return out.bytes()
  }
}

extension SixelWriter {
  /// The bytes of bands `range` (band `b` is rows `6b ..< 6b + 6`), each but the image's
  /// last followed by `-`.
  static func bands(
    _ range: Range<Int>, of pixelPaletteIndex: [UInt8], width: Int, height: Int
  ) -> [UInt8] {
    var out = ByteWriter(capacity: 64 + range.count * width * 3)
    var band = BandRecords(width: width)
    pixelPaletteIndex.withUnsafeBufferPointer { pixels in
      for index in range {
        let top = index * 6
        band.collect(pixels, width: width, top: top, rows: min(6, height - top))
        band.write(to: &out)
        if top + 6 < height {
          out.reserve(1)
          out.write(UInt8(ascii: "-"))
        }
      }
    }
    return out.bytes()
  }
}

/// One band's (column, six bits) records, grouped by colour.
private struct BandRecords {
  /// Records in column order as collected: colour, column, bits.
  private var colors: [UInt8]
  private var columns: [Int32]
  private var bits: [UInt8]
  /// The same records sorted by colour (stable, so columns stay in order).
  private var sortedColumns: [Int32]
  private var sortedBits: [UInt8]
  /// Records per colour, then (after the prefix sum) where each colour's records start.
  private var colorStart = [Int](repeating: 0, count: 257)
  private var count = 0

  init(width: Int) {
    let capacity = 6 * width
    colors = [UInt8](repeating: 0, count: capacity)
    columns = [Int32](repeating: 0, count: capacity)
    bits = [UInt8](repeating: 0, count: capacity)
    sortedColumns = columns
    sortedBits = bits
  }

  /// Records the band of `rows` rows starting at row `top`, grouped by colour.
  mutating func collect(_ pixels: UnsafeBufferPointer<UInt8>, width: Int, top: Int, rows: Int) {
    count = 0
    for color in 0..<257 { colorStart[color] = 0 }
    colors.withUnsafeMutableBufferPointer { colors in
      columns.withUnsafeMutableBufferPointer { columns in
        bits.withUnsafeMutableBufferPointer { bits in
          colorStart.withUnsafeMutableBufferPointer { colorStart in
            for x in 0..<width {
              let first = count
              for row in 0..<rows {
                let color = pixels[(top + row) * width + x]
                let bit = UInt8(1 << row)
                // A colour seen higher in this column gets the bit; else a new record.
                var record = first
                while record < count && colors[record] != color { record += 1 }
                if record < count {
                  bits[record] |= bit
                } else {
                  colors[count] = color
                  columns[count] = Int32(x)
                  bits[count] = bit
                  colorStart[Int(color) + 1] += 1
                  count += 1
                }
              }
            }
            for color in 0..<256 { colorStart[color + 1] += colorStart[color] }
          }
        }
      }
    }
    // Counting sort by colour; `next` walks each colour's slots.
    var next = colorStart
    for record in 0..<count {
      let color = Int(colors[record])
      sortedColumns[next[color]] = columns[record]
      sortedBits[next[color]] = bits[record]
      next[color] += 1
    }
  }

  /// Writes the band: `#c` and the colour's row for every colour in it, `$` between them.
  func write(to out: inout ByteWriter) {
    var firstColor = true
    for color in 0..<256 where colorStart[color + 1] > colorStart[color] {
      let range = colorStart[color]..<colorStart[color + 1]
      // `$#nnn`, then per record at most a run of blanks (≤ 8 bytes) and one run of bits.
      out.reserve(6 + range.count * 16)
      if !firstColor { out.write(UInt8(ascii: "$")) }
      firstColor = false
      out.write(UInt8(ascii: "#"))
      out.writeDecimal(color)
      var column = 0  // the next column to write
      var record = range.lowerBound
      while record < range.upperBound {
        let start = Int(sortedColumns[record])
        let value = sortedBits[record]
        var end = start + 1
        record += 1
        while record < range.upperBound && Int(sortedColumns[record]) == end
          && sortedBits[record] == value
        {
          end += 1
          record += 1
        }
        out.writeRun(of: 0, length: start - column)
        out.writeRun(of: value, length: end - start)
        column = end
      }
    }
  }
}
