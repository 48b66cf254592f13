// Unsafe pointers: a per-pixel kernel of the terminal output, measured (memory spans checked
// every index here and drew half blocks 1.5 times as slowly).

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
    // Worst case per cell: ESC [ 38;2;r;g;b ; 48;2;r;g;b m (36 bytes) and a 4-byte glyph.
    let capacity = cells.count * 40 + rows * 5
    return ByteWriter.bytes(worstCase: capacity) { out in
      cells.withUnsafeBufferPointer { cells in
        for row in 0..<rows {
          // Each line starts after a reset, in the default colours.
          var foreground = TerminalColor.default
          var background = TerminalColor.default
          for column in 0..<columns {
            let cell = cells[row * columns + column]
            let foregroundChanged = cell.foreground != foreground
            let backgroundChanged = cell.background != background
            if foregroundChanged || backgroundChanged {
              out.write(0x1B)
              out.write(UInt8(ascii: "["))
              if foregroundChanged {
                writeSGRParameters(of: cell.foreground, base: UInt8(ascii: "3"), to: &out)
                foreground = cell.foreground
              }
              if backgroundChanged {
                if foregroundChanged { out.write(UInt8(ascii: ";")) }
                writeSGRParameters(of: cell.background, base: UInt8(ascii: "4"), to: &out)
                background = cell.background
              }
              out.write(UInt8(ascii: "m"))
            }
            out.writeUTF8(cell.glyph)
          }
          for byte in [0x1B, UInt8(ascii: "["), UInt8(ascii: "0"), UInt8(ascii: "m"), 0x0A] {
            out.write(byte)
          }
        }
      }
    }
  }
}

/// Writes the SGR parameters (no `ESC[` or `m`) that select `color`; `base` is `3` for
/// the foreground and `4` for the background.
@inline(__always)
private func writeSGRParameters(of color: TerminalColor, base: UInt8, to out: inout ByteWriter) {
  out.write(base)
  switch color {
  case .rgb(let red, let green, let blue):
    out.write(UInt8(ascii: "8"))
    out.write(UInt8(ascii: ";"))
    out.write(UInt8(ascii: "2"))
    out.write(UInt8(ascii: ";"))
    out.writeDecimal(Int(red))
    out.write(UInt8(ascii: ";"))
    out.writeDecimal(Int(green))
    out.write(UInt8(ascii: ";"))
    out.writeDecimal(Int(blue))
  case .indexed256(let index):
    out.write(UInt8(ascii: "8"))
    out.write(UInt8(ascii: ";"))
    out.write(UInt8(ascii: "5"))
    out.write(UInt8(ascii: ";"))
    out.writeDecimal(Int(index))
  case .default:
    out.write(UInt8(ascii: "9"))
  }
}
