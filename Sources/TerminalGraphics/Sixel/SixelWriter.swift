/// Writes the sixel byte stream for an image already mapped to a palette.
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
    var out: [UInt8] = []
    out.reserveCapacity(64 + palette.count * 16 + width * height / 2)
    out.append(contentsOf: introducer)
    out.append(UInt8(ascii: "\""))
    for (position, value) in [1, 1, width, height].enumerated() {
      if position > 0 { out.append(UInt8(ascii: ";")) }
      appendDecimal(value, to: &out)
    }
    var used = [Bool](repeating: false, count: 256)
    for index in pixelPaletteIndex { used[Int(index)] = true }
    for (index, color) in palette.enumerated() where used[index] {
      out.append(UInt8(ascii: "#"))
      appendDecimal(index, to: &out)
      out.append(contentsOf: [UInt8(ascii: ";"), UInt8(ascii: "2"), UInt8(ascii: ";")])
      appendDecimal(color.red, to: &out)
      out.append(UInt8(ascii: ";"))
      appendDecimal(color.green, to: &out)
      out.append(UInt8(ascii: ";"))
      appendDecimal(color.blue, to: &out)
    }
    // Six-bit columns of the current band, one row of `width` per palette entry, and
    // the span of columns each entry uses in the band (so only that span is scanned).
    var bits = [UInt8](repeating: 0, count: 256 * width)
    var firstColumn = [Int](repeating: 0, count: 256)
    var lastColumn = [Int](repeating: 0, count: 256)
    var bandColors: [Int] = []
    bandColors.reserveCapacity(256)
    var inBand = [Bool](repeating: false, count: 256)
    bits.withUnsafeMutableBufferPointer { bits in
      pixelPaletteIndex.withUnsafeBufferPointer { pixels in
        var bandTop = 0
        while bandTop < height {
          let bandRows = min(6, height - bandTop)
          for row in 0..<bandRows {
            let bit = UInt8(1 << row)
            let rowStart = (bandTop + row) * width
            for x in 0..<width {
              let color = Int(pixels[rowStart + x])
              if !inBand[color] {
                inBand[color] = true
                bandColors.append(color)
                firstColumn[color] = x
                lastColumn[color] = x
              } else {
                firstColumn[color] = min(firstColumn[color], x)
                lastColumn[color] = max(lastColumn[color], x)
              }
              bits[color * width + x] |= bit
            }
          }
          for (order, color) in bandColors.enumerated() {
            if order > 0 { out.append(UInt8(ascii: "$")) }
            out.append(UInt8(ascii: "#"))
            appendDecimal(color, to: &out)
            let first = firstColumn[color]
            let span = UnsafeMutableBufferPointer(
              rebasing: bits[(color * width + first)...(color * width + lastColumn[color])])
            appendRun(of: 0, length: first, to: &out)
            appendRunLengthEncoded(span, to: &out)
            for x in span.indices { span[x] = 0 }
            inBand[color] = false
          }
          bandColors.removeAll(keepingCapacity: true)
          bandTop += 6
          if bandTop < height { out.append(UInt8(ascii: "-")) }
        }
      }
    }
    out.append(contentsOf: terminator)
    return out
  }

  /// Appends one colour's row of six-bit columns as sixel characters (`?` + bits), with
  /// runs of four or more written as `!n<char>` and trailing empty columns left out.
  @inline(__always)
  static func appendRunLengthEncoded(
    _ row: UnsafeMutableBufferPointer<UInt8>, to out: inout [UInt8]
  ) {
    var end = row.count
    while end > 0 && row[end - 1] == 0 { end -= 1 }
    var x = 0
    while x < end {
      let value = row[x]
      var run = 1
      while x + run < end && row[x + run] == value { run += 1 }
      appendRun(of: value, length: run, to: &out)
      x += run
    }
  }

  /// Appends `length` copies of the sixel for `value`: as `!n<char>` from four on.
  @inline(__always)
  static func appendRun(of value: UInt8, length: Int, to out: inout [UInt8]) {
    let character = UInt8(ascii: "?") &+ value
    if length >= 4 {
      out.append(UInt8(ascii: "!"))
      appendDecimal(length, to: &out)
      out.append(character)
    } else {
      for _ in 0..<length { out.append(character) }
    }
  }
}
