import LatentBasics
import SafeTensors
import Testing

/// Float ↔ binary16 conversion against values worked out by hand from the IEEE layout
/// (sign 1 bit, exponent 5 bits with bias 15, mantissa 10 bits).
@Suite("Half-precision conversion")
struct HalfPrecisionTests {
  /// 2 to the power `exponent`, built from the float's bit layout.
  static func power(_ exponent: Int) -> Float {
    Float(sign: .plus, exponent: exponent, significand: 1)
  }

  static let encodings: [(value: Float, bits: UInt16)] = [
    (1.0, 0x3C00),
    (-2.0, 0xC000),
    (0.0, 0x0000),
    (-0.0, 0x8000),
    (0.5, 0x3800),
    (65504, 0x7BFF),  // the largest finite half
    (65519, 0x7BFF),  // below the midpoint to 65536: rounds down
    (65520, 0x7C00),  // the midpoint: ties to even, which is infinity
    (1e6, 0x7C00),
    (-1e6, 0xFC00),
    (.infinity, 0x7C00),
    (-.infinity, 0xFC00),
    (power(-14), 0x0400),  // the smallest normal
    (power(-24), 0x0001),  // the smallest subnormal
    (-power(-24), 0x8001),
    (power(-25), 0x0000),  // exactly half the smallest subnormal: ties to even (0)
    (power(-25) * 1.5, 0x0001),  // above the midpoint: rounds up
    (power(-24) * 3 / 2, 0x0002),  // 1.5 units: tie between 1 and 2, even is 2
    (power(-24) * 5 / 2, 0x0002),  // 2.5 units: tie between 2 and 3, even is 2
    (power(-14) - power(-24), 0x03FF),  // the largest subnormal
    (power(-26), 0x0000),
    (.leastNonzeroMagnitude, 0x0000),  // a float subnormal
    (1 + power(-11), 0x3C00),  // halfway between 1 and the next half: even is 1
    (1 + 3 * power(-11), 0x3C02),  // halfway between 0x3C01 and 0x3C02: even is 0x3C02
    (1 + power(-11) + power(-20), 0x3C01),  // just above halfway: up
    (2047, 0x67FF),
    (2049, 0x6800),  // 2049 is halfway between 2048 and 2050: even is 2048
    (0.1, 0x2E66),
  ]

  @Test func encodesHandWorkedValues() {
    for (value, bits) in Self.encodings {
      let encoded = HalfPrecision.halfBits(from: value)
      #expect(
        encoded == bits,
        "\(value): got 0x\(String(encoded, radix: 16)), expected 0x\(String(bits, radix: 16))")
    }
  }

  @Test func nanStaysNaN() {
    let bits = HalfPrecision.halfBits(from: .nan)
    #expect(bits & 0x7C00 == 0x7C00 && bits & 0x03FF != 0)
    #expect(HalfPrecision.float(fromHalfBits: bits).isNaN)
    let signalling = Float(bitPattern: 0x7F80_0001)  // payload only in the low bits
    let fromSignalling = HalfPrecision.halfBits(from: signalling)
    #expect(fromSignalling & 0x03FF != 0, "a NaN must not turn into infinity")
  }

  @Test func decodesHandWorkedBitPatterns() {
    #expect(HalfPrecision.float(fromHalfBits: 0x3C00) == 1)
    #expect(HalfPrecision.float(fromHalfBits: 0xC000) == -2)
    #expect(HalfPrecision.float(fromHalfBits: 0x7BFF) == 65504)
    #expect(HalfPrecision.float(fromHalfBits: 0x0001) == Self.power(-24))
    #expect(HalfPrecision.float(fromHalfBits: 0x03FF) == 1023 * Self.power(-24))
    #expect(HalfPrecision.float(fromHalfBits: 0x0400) == Self.power(-14))
    // 0x3555: 2^-2 × (1 + 341/1024)
    #expect(HalfPrecision.float(fromHalfBits: 0x3555) == 1365 * Self.power(-12))
    #expect(HalfPrecision.float(fromHalfBits: 0x7C00) == .infinity)
    #expect(HalfPrecision.float(fromHalfBits: 0xFC00) == -.infinity)
    #expect(HalfPrecision.float(fromHalfBits: 0x7E00).isNaN)
    #expect(HalfPrecision.float(fromHalfBits: 0x8000).bitPattern == (-0.0 as Float).bitPattern)
  }

  @Test func everyHalfSurvivesARoundTripThroughFloat() {
    var mismatches = 0
    for bits in UInt16.min...UInt16.max {
      let value = HalfPrecision.float(fromHalfBits: bits)
      if value.isNaN { continue }
      if HalfPrecision.halfBits(from: value) != bits { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }

  @Test func bfloat16IsTheTopHalfOfAFloat() {
    #expect(HalfPrecision.float(fromBFloat16Bits: 0x3F80) == 1)
    #expect(HalfPrecision.float(fromBFloat16Bits: 0xC040) == -3)
    #expect(HalfPrecision.float(fromBFloat16Bits: 0x7F80) == .infinity)
    #expect(HalfPrecision.float(fromBFloat16Bits: 0x0001) == Float(bitPattern: 0x0001_0000))
  }

  #if !(os(macOS) && arch(x86_64))
    /// Swift's own `Float16` (compiler-rt) as an independent oracle, where it exists.
    @Test func agreesWithTheStandardLibrarysFloat16() {
      var decodeMismatches = 0
      for bits in UInt16.min...UInt16.max {
        let ours = HalfPrecision.float(fromHalfBits: bits)
        let theirs = Float(Float16(bitPattern: bits))
        if !(ours.isNaN && theirs.isNaN) && ours.bitPattern != theirs.bitPattern {
          decodeMismatches += 1
        }
      }
      #expect(decodeMismatches == 0)

      var generator = SeededGenerator(seed: 16)
      var encodeMismatches = 0
      for _ in 0..<200_000 {
        // Random bit patterns, biased toward the exponents a half can represent.
        let raw = UInt32(truncatingIfNeeded: generator.next())
        let exponent = UInt32(100 + generator.next() % 48) << 23
        let value = Float(bitPattern: raw & 0x807F_FFFF | exponent)
        if HalfPrecision.halfBits(from: value) != Float16(value).bitPattern {
          encodeMismatches += 1
        }
      }
      #expect(encodeMismatches == 0)
    }
  #endif
}
