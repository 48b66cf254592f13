extension CellGrid {
  /// The grid as a self-contained ANSI string for a plain terminal (no screen library).
  ///
  /// Colours are set with SGR sequences only when they change from the previous cell;
  /// every line ends with a reset (`ESC[0m`) and a newline, so nothing leaks past the
  /// image or into the next line's margin. Cells in the default colours need no SGR at all.
  package func ansiString() -> String {
    String(decoding: ansiBytes(), as: UTF8.self)
  }

  /// The UTF-8 bytes of ``ansiString()``.
  package func ansiBytes() -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(cells.count * 24 + rows * 5)
    for row in 0..<rows {
      // Each line starts after a reset, in the default colours.
      var foreground = TerminalColor.default
      var background = TerminalColor.default
      for column in 0..<columns {
        let cell = cells[row * columns + column]
        let foregroundChanged = cell.foreground != foreground
        let backgroundChanged = cell.background != background
        if foregroundChanged || backgroundChanged {
          bytes.append(0x1B)
          bytes.append(UInt8(ascii: "["))
          if foregroundChanged {
            appendSGRParameters(of: cell.foreground, base: UInt8(ascii: "3"), to: &bytes)
            foreground = cell.foreground
          }
          if backgroundChanged {
            if foregroundChanged { bytes.append(UInt8(ascii: ";")) }
            appendSGRParameters(of: cell.background, base: UInt8(ascii: "4"), to: &bytes)
            background = cell.background
          }
          bytes.append(UInt8(ascii: "m"))
        }
        appendUTF8(cell.glyph, to: &bytes)
      }
      bytes.append(0x1B)
      bytes.append(UInt8(ascii: "["))
      bytes.append(UInt8(ascii: "0"))
      bytes.append(UInt8(ascii: "m"))
      bytes.append(UInt8(ascii: "\n"))
    }
    return bytes
  }
}

/// Appends the SGR parameters (no `ESC[` or `m`) that select `color`; `base` is `3` for
/// the foreground and `4` for the background.
private func appendSGRParameters(of color: TerminalColor, base: UInt8, to out: inout [UInt8]) {
  out.append(base)
  switch color {
  case .rgb(let red, let green, let blue):
    out.append(UInt8(ascii: "8"))
    out.append(UInt8(ascii: ";"))
    out.append(UInt8(ascii: "2"))
    out.append(UInt8(ascii: ";"))
    appendDecimal(Int(red), to: &out)
    out.append(UInt8(ascii: ";"))
    appendDecimal(Int(green), to: &out)
    out.append(UInt8(ascii: ";"))
    appendDecimal(Int(blue), to: &out)
  case .indexed256(let index):
    out.append(UInt8(ascii: "8"))
    out.append(UInt8(ascii: ";"))
    out.append(UInt8(ascii: "5"))
    out.append(UInt8(ascii: ";"))
    appendDecimal(Int(index), to: &out)
  case .default:
    out.append(UInt8(ascii: "9"))
  }
}

/// Appends the UTF-8 encoding of `scalar`.
private func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
  let value = scalar.value
  switch value {
  case 0..<0x80:
    out.append(UInt8(value))
  case 0x80..<0x800:
    out.append(UInt8(0xC0 | (value >> 6)))
    out.append(UInt8(0x80 | (value & 0x3F)))
  case 0x800..<0x10000:
    out.append(UInt8(0xE0 | (value >> 12)))
    out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
    out.append(UInt8(0x80 | (value & 0x3F)))
  default:
    out.append(UInt8(0xF0 | (value >> 18)))
    out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
    out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
    out.append(UInt8(0x80 | (value & 0x3F)))
  }
}
