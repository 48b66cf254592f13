/// Writes bytes into a buffer that the caller sized for the worst case, without the
/// capacity checks of `Array.append` (for the per-frame hot paths).
struct ByteWriter {
  /// The buffer being filled.
  let buffer: UnsafeMutableBufferPointer<UInt8>
  /// Bytes written so far.
  private(set) var count = 0

  /// A writer at the start of `buffer`.
  init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

  /// Writes one byte.
  @inline(__always)
  mutating func write(_ byte: UInt8) {
    buffer[count] = byte
    count += 1
  }

  /// Writes the decimal digits of `value` (0–999).
  @inline(__always)
  mutating func writeDecimal(_ value: Int) {
    let zero = UInt8(ascii: "0")
    if value >= 100 { write(zero &+ UInt8(truncatingIfNeeded: value / 100)) }
    if value >= 10 { write(zero &+ UInt8(truncatingIfNeeded: (value / 10) % 10)) }
    write(zero &+ UInt8(truncatingIfNeeded: value % 10))
  }

  /// Writes the UTF-8 encoding of `scalar`.
  @inline(__always)
  mutating func writeUTF8(_ scalar: Unicode.Scalar) {
    let value = scalar.value
    switch value {
    case 0..<0x80:
      write(UInt8(value))
    case 0x80..<0x800:
      write(UInt8(0xC0 | (value >> 6)))
      write(UInt8(0x80 | (value & 0x3F)))
    case 0x800..<0x10000:
      write(UInt8(0xE0 | (value >> 12)))
      write(UInt8(0x80 | ((value >> 6) & 0x3F)))
      write(UInt8(0x80 | (value & 0x3F)))
    default:
      write(UInt8(0xF0 | (value >> 18)))
      write(UInt8(0x80 | ((value >> 12) & 0x3F)))
      write(UInt8(0x80 | ((value >> 6) & 0x3F)))
      write(UInt8(0x80 | (value & 0x3F)))
    }
  }
}
