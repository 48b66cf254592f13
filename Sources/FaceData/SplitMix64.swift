/// A small seeded random generator (SplitMix64, Steele, Lea and Flood 2014): the same seed gives
/// the same stream on every machine, which keeps splits and synthetic faces reproducible.
package struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose stream is fixed by `seed`.
  package init(seed: UInt64) {
    state = seed
  }

  /// A generator for item `item` of the stream fixed by `seed`, independent of how many items
  /// come before it (so face 12 of seed 7 is the same whether 20 or 2000 are drawn).
  package init(seed: UInt64, item: Int) {
    var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: item) &* 0xD1B5_4A32_D192_ED03))
    state = mixer.next()
  }

  /// The next 64 random bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform Float in [0, 1), from the top 24 bits.
  package mutating func unit() -> Float {
    Float(next() >> 40) / Float(1 << 24)
  }

  /// A uniform Float in `range`.
  package mutating func uniform(_ range: ClosedRange<Float>) -> Float {
    range.lowerBound + (range.upperBound - range.lowerBound) * unit()
  }
}

extension SplitMix64 {
  /// A uniform integer in `0..<bound` (multiply-shift, so no modulo bias worth noting).
  package mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    return Int((UInt128(next()) * UInt128(bound)) >> 64)
  }

  /// `items` in a random order (Fisher–Yates), the same for the same generator state on any
  /// Swift version.
  package mutating func shuffled<Element>(_ items: [Element]) -> [Element] {
    var result = items
    for position in stride(from: result.count - 1, to: 0, by: -1) {
      result.swapAt(position, below(position + 1))
    }
    return result
  }
}
