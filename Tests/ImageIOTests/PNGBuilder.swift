// A tiny PNG writer, independent of libpng, so tests can make files libpng's simplified writer
// cannot (16-bit, 1/2/4-bit, gray+alpha, palettes, tRNS, gAMA/sRGB/cHRM, Adam7 interlacing,
// lying headers, bad checksums).

/// Builds PNG files byte by byte: uncompressed ("stored") deflate blocks, real CRCs.
struct PNGBuilder {
  /// PNG colour types.
  enum ColorType: UInt8 {
    case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6
  }

  var width: Int
  var height: Int
  var bitDepth: UInt8 = 8
  var colorType: ColorType
  /// Samples row by row, channels interleaved; for 16-bit depth each value is one sample.
  var samples: [Int]
  /// Palette entries (r, g, b) for `.palette`.
  var palette: [(UInt8, UInt8, UInt8)] = []
  /// Raw `tRNS` chunk content, if any.
  var transparency: [UInt8]? = nil
  /// Chunks written between IHDR and PLTE (such as `gAMA`, `sRGB`, `cHRM`), as (type, content).
  var ancillaryChunks: [(type: String, content: [UInt8])] = []
  /// Whether the pixels are stored in Adam7's seven passes instead of row by row.
  var interlaced = false

  /// The file's bytes.
  func bytes() -> [UInt8] {
    var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var header = Self.bigEndian32(UInt32(width)) + Self.bigEndian32(UInt32(height))
    header += [bitDepth, colorType.rawValue, 0, 0, interlaced ? 1 : 0]
    file += Self.chunk("IHDR", header)
    for (type, content) in ancillaryChunks { file += Self.chunk(type, content) }
    if !palette.isEmpty { file += Self.chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] }) }
    if let transparency { file += Self.chunk("tRNS", transparency) }
    file += Self.chunk("IDAT", Self.zlibStored(scanlines()))
    file += Self.chunk("IEND", [])
    return file
  }

  /// The filtered (filter type None) scanlines of the whole image, or of each Adam7 pass.
  private func scanlines() -> [UInt8] {
    guard interlaced else { return scanlines(columns: Array(0..<width), rows: Array(0..<height)) }
    // Adam7: (first column, first row, column step, row step) of each pass.
    let passes = [
      (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
      (0, 1, 1, 2),
    ]
    var raw = [UInt8]()
    for (column, row, columnStep, rowStep) in passes {
      let columns = Array(stride(from: column, to: width, by: columnStep))
      let rows = Array(stride(from: row, to: height, by: rowStep))
      if !columns.isEmpty && !rows.isEmpty { raw += scanlines(columns: columns, rows: rows) }
    }
    return raw
  }

  /// The scanlines of the sub-image at `columns` × `rows`, samples packed at `bitDepth`.
  private func scanlines(columns: [Int], rows: [Int]) -> [UInt8] {
    let channels: Int
    switch colorType {
    case .gray, .palette: channels = 1
    case .grayAlpha: channels = 2
    case .rgb: channels = 3
    case .rgba: channels = 4
    }
    var raw = [UInt8]()
    for row in rows {
      raw.append(0)  // filter type None
      var packed = 0
      var packedBits = 0
      for column in columns {
        for channel in 0..<channels {
          let sample = samples[(row * width + column) * channels + channel]
          switch bitDepth {
          case 16: raw += [UInt8(sample >> 8), UInt8(sample & 0xFF)]
          case 8: raw.append(UInt8(sample))
          default:
            packed = packed << Int(bitDepth) | sample
            packedBits += Int(bitDepth)
            if packedBits == 8 {
              raw.append(UInt8(packed))
              packed = 0
              packedBits = 0
            }
          }
        }
      }
      if packedBits > 0 { raw.append(UInt8(packed << (8 - packedBits))) }
    }
    return raw
  }

  static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typeBytes = Array(type.utf8)
    return bigEndian32(UInt32(data.count)) + typeBytes + data + bigEndian32(crc32(typeBytes + data))
  }

  static func bigEndian32(_ value: UInt32) -> [UInt8] {
    [
      UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
      UInt8(value & 0xFF),
    ]
  }

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return crc ^ 0xFFFF_FFFF
  }

  static func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var output: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
      let length = min(65535, data.count - offset)
      let isLast = offset + length == data.count
      output.append(isLast ? 1 : 0)
      output += [UInt8(length & 0xFF), UInt8(length >> 8)]
      output += [UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
      output += data[offset..<(offset + length)]
      offset += length
    } while offset < data.count
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in data {
      a = (a + UInt32(byte)) % 65521
      b = (b + a) % 65521
    }
    return output + bigEndian32((b << 16) | a)
  }
}
