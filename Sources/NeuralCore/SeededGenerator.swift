import Glibc

/// A fast, reproducible random generator: xoshiro256** seeded through SplitMix64.
///
/// The same seed gives the same stream on every machine, so initialisation,
/// shuffling and the reparameterisation noise make every run repeatable.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  /// A second normal from the last Box–Muller pair, if unused.
  private var spareNormal: Float?

  package init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  package mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// Uniform in [0, 1) with 24 random bits.
  package mutating func nextUnit() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// Uniform in [low, high).
  package mutating func uniform(_ low: Float, _ high: Float) -> Float {
    low + (high - low) * nextUnit()
  }

  /// A standard normal sample (Box–Muller, in Double for accuracy in the tails).
  package mutating func normal() -> Float {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    // u1 in (0, 1] so the logarithm is finite.
    let u1 = (Double(next() >> 11) + 1) * 0x1p-53
    let u2 = Double(next() >> 11) * 0x1p-53
    let radius = (-2 * log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    spareNormal = Float(radius * sin(angle))
    return Float(radius * cos(angle))
  }

  /// Fills `count` values with standard normal samples.
  package mutating func fillNormal(_ values: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { values[i] = normal() }
  }

  /// A derived generator, for giving each consumer its own reproducible stream.
  package mutating func fork() -> SeededGenerator { SeededGenerator(seed: next()) }
}
