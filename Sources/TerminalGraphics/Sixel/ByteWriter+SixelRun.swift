extension ByteWriter {
  /// Writes `length` copies of the sixel for `value`: as `!n<char>` from four on
  /// (at most 6 bytes up to a run of 9999, or `length` when shorter; room reserved by the
  /// caller).
  @inline(__always)
  mutating func writeRun(of value: UInt8, length: Int) {
    let character = UInt8(ascii: "?") &+ value
    if length >= 4 {
      write(UInt8(ascii: "!"))
      writeDecimal(length)
      write(character)
    } else {
      for _ in 0..<length { write(character) }
    }
  }
}
