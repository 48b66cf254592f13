/// Conversions between `Float` and the 16-bit float formats of the file.
///
/// Written out by hand rather than with Swift's `Float16`, which is missing
/// on some platforms (macOS on Intel).
package enum HalfPrecision {
  /// The IEEE 754 binary16 bits nearest to `value`, ties to even.
  ///
  /// Values beyond the largest half (65504) round to infinity as IEEE
  /// rounding says (65520 and up); tiny values become subnormals or a signed
  /// zero; infinities stay infinities; NaN stays NaN (quiet, with the top
  /// payload bits kept).
  package static func halfBits(from value: Float) -> UInt16 {
    let bits = value.bitPattern
    let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
    let exponent = Int((bits >> 23) & 0xFF)
    let mantissa = bits & 0x7F_FFFF

    if exponent == 0xFF {
      if mantissa == 0 { return sign | 0x7C00 }
      return sign | 0x7E00 | UInt16(truncatingIfNeeded: mantissa >> 13)
    }
    // The exponent re-biased for binary16 (bias 15 instead of 127).
    let halfExponent = exponent - 127 + 15
    if halfExponent >= 0x1F { return sign | 0x7C00 }

    if halfExponent <= 0 {
      // A subnormal half: value = h × 2^-24 with h = significand >> (14 - halfExponent).
      let shift = 14 - halfExponent
      if shift > 24 { return sign }  // below half the smallest subnormal: zero
      let significand = mantissa | 0x80_0000
      let rounded = roundShiftedRight(significand, by: shift)
      // A carry to 0x400 is the smallest normal, which the bit layout encodes by itself.
      return sign | UInt16(truncatingIfNeeded: rounded)
    }

    let unrounded = UInt32(halfExponent) << 10 | mantissa >> 13
    let remainder = mantissa & 0x1FFF
    var result = unrounded
    if remainder > 0x1000 || (remainder == 0x1000 && unrounded & 1 == 1) {
      result += 1  // may carry into the exponent, up to infinity (0x7C00): correct
    }
    return sign | UInt16(truncatingIfNeeded: result)
  }

  /// The `Float` a binary16 bit pattern stands for (exact: every half is a float).
  package static func float(fromHalfBits half: UInt16) -> Float {
    let sign = UInt32(half & 0x8000) << 16
    let exponent = UInt32(half >> 10) & 0x1F
    let mantissa = UInt32(half & 0x3FF)
    switch exponent {
    case 0:
      let magnitude = Float(mantissa) * Float(bitPattern: 0x3380_0000)  // × 2^-24, exact
      return sign == 0 ? magnitude : -magnitude
    case 0x1F:
      return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
    default:
      return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
    }
  }

  /// The `Float` a bfloat16 bit pattern stands for: the top half of a float's bits.
  package static func float(fromBFloat16Bits bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
  }

  /// `value >> shift`, rounded to nearest with ties to even (`shift` in 1...31).
  private static func roundShiftedRight(_ value: UInt32, by shift: Int) -> UInt32 {
    let truncated = value >> UInt32(shift)
    let remainder = value & ((1 << UInt32(shift)) - 1)
    let halfway: UInt32 = 1 << UInt32(shift - 1)
    if remainder > halfway || (remainder == halfway && truncated & 1 == 1) {
      return truncated + 1
    }
    return truncated
  }
}
