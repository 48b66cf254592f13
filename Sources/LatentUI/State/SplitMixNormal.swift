import Glibc

/// Standard normal samples from a SplitMix64 stream (Box–Muller); small and deterministic.
struct SplitMixNormal {
  /// The stream's position; store it to continue later.
  private(set) var state: UInt64

  init(seed: UInt64) { state = seed }

  private mutating func nextBits() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next N(0, 1) sample.
  mutating func next() -> Float {
    let u1 = max(Double(nextBits() >> 11) / Double(1 << 53), 1e-12)
    let u2 = Double(nextBits() >> 11) / Double(1 << 53)
    return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
  }
}
