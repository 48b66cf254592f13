extension TensorDType {
  /// Converts `count` little-endian elements of this type at the start of `raw` to `Float`.
  ///
  /// `raw` must hold at least `count × byteSize` bytes; it need not be aligned.
  /// Wide integers and `F64` round to the nearest `Float`.
  func decodeLittleEndian(_ raw: RawSpan, count: Int) -> [Float] {
    switch self {
    case .float64: Self.convert(raw, count, UInt64.self) { Float(Double(bitPattern: $0)) }
    case .float32: Self.convert(raw, count, UInt32.self) { Float(bitPattern: $0) }
    case .float16: Self.convert(raw, count, UInt16.self) { HalfPrecision.float(fromHalfBits: $0) }
    case .bfloat16:
      Self.convert(raw, count, UInt16.self) { HalfPrecision.float(fromBFloat16Bits: $0) }
    case .int64: Self.convert(raw, count, Int64.self) { Float($0) }
    case .int32: Self.convert(raw, count, Int32.self) { Float($0) }
    case .int16: Self.convert(raw, count, Int16.self) { Float($0) }
    case .int8: Self.convert(raw, count, Int8.self) { Float($0) }
    case .uint64: Self.convert(raw, count, UInt64.self) { Float($0) }
    case .uint32: Self.convert(raw, count, UInt32.self) { Float($0) }
    case .uint16: Self.convert(raw, count, UInt16.self) { Float($0) }
    case .uint8: Self.convert(raw, count, UInt8.self) { Float($0) }
    }
  }

  /// Loads `count` little-endian `Raw` values from `raw` and maps each to a `Float`.
  private static func convert<Raw: FixedWidthInteger & BitwiseCopyable>(
    _ raw: RawSpan, _ count: Int, _ type: Raw.Type, _ transform: (Raw) -> Float
  ) -> [Float] {
    precondition(raw.byteCount >= count * MemoryLayout<Raw>.size, "too few bytes to decode")
    let stride = MemoryLayout<Raw>.size
    var values = [Float](repeating: 0, count: count)
    do {
      var destination = values.mutableSpan
      for index in 0..<count {
        // Any bit pattern is a valid integer, which is all the "unsafe" in the name warns of.
        let stored = raw.unsafeLoadUnaligned(fromByteOffset: index * stride, as: Raw.self)
        destination[index] = transform(Raw(littleEndian: stored))
      }
    }
    return values
  }
}
