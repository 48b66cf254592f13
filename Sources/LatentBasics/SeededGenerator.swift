import Glibc

/// The program's one random generator: xoshiro256** (Blackman and Vigna, 2018) seeded
/// through SplitMix64, with one normal sampler and one shuffle. The same seed gives the
/// same numbers on every machine and Swift version.
///
/// The stream, exactly (all arithmetic wraps modulo 2⁶⁴; docs/random-numbers.md says
/// which seed each part of the program uses):
/// - **Seeding.** `init(seed: S)` runs SplitMix64 from state `x = S` four times —
///   `x += 0x9E3779B97F4A7C15; z = x; z = (z ^ z>>30) * 0xBF58476D1CE4E5B9;
///   z = (z ^ z>>27) * 0x94D049BB133111EB; z ^ z>>31` — for the state words s0, s1, s2, s3.
///   `init(seed: S, stream: i)` is `init(seed: S ^ (i * 0xD1B54A32D192ED03))`, so stream 0
///   is the seed's own stream and stream `i` does not depend on how many come before it.
/// - **Bits.** ``next()`` returns `rotl(s1 * 5, 7) * 9`, then advances the state
///   (`t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)`).
/// - **Uniform.** ``nextUnit()`` is `(next() >> 40) · 2⁻²⁴`, in [0, 1); ``below(_:)`` is
///   `(next() · n) >> 64` in 128 bits.
/// - **Normal.** ``normal()`` draws pairs by Box–Muller in Double:
///   `u1 = ((next() >> 11) + 1) · 2⁻⁵³` in (0, 1], `u2 = (next() >> 11) · 2⁻⁵³`,
///   `r = √(−2 ln u1)`, and returns `r cos 2πu2`, then, on the next call, `r sin 2πu2`.
/// - **Shuffle.** ``shuffle(_:)`` is Fisher–Yates from the last position down: position `p`
///   swaps with `below(p + 1)`.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  /// The second normal of the last Box–Muller pair, if not yet returned.
  private var spareNormal: Float?

  /// The generator of `seed`'s stream.
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

  /// The generator of stream `stream` of `seed`: item `stream` of a numbered sequence
  /// (face 12 of seed 7), the same however many items come before it. Stream 0 is
  /// `init(seed:)`.
  package init(seed: UInt64, stream: Int) {
    self.init(seed: seed ^ (UInt64(truncatingIfNeeded: stream) &* 0xD1B5_4A32_D192_ED03))
  }

  /// The generator's whole state: the four xoshiro words and the unreturned normal.
  package struct State: Hashable, Sendable {
    /// s0, s1, s2, s3.
    package var words: [UInt64]
    /// The second normal of the last Box–Muller pair, if not yet returned.
    package var spareNormal: Float?

    package init(words: [UInt64], spareNormal: Float?) {
      self.words = words
      self.spareNormal = spareNormal
    }
  }

  /// Where the stream stands now; ``init(state:)`` continues it exactly from here.
  package var state: State {
    State(words: [s0, s1, s2, s3], spareNormal: spareNormal)
  }

  /// The generator that continues the stream `state` was taken from; nil when
  /// `state` does not have four words, or they are all zero (xoshiro's one dead state).
  package init?(state: State) {
    guard state.words.count == 4, state.words.contains(where: { $0 != 0 }) else { return nil }
    s0 = state.words[0]
    s1 = state.words[1]
    s2 = state.words[2]
    s3 = state.words[3]
    spareNormal = state.spareNormal
  }

  /// The next 64 random bits.
  @inline(__always)
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

  /// Uniform in [0, 1), with 24 random bits.
  @inline(__always)
  package mutating func nextUnit() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// Uniform in [low, high).
  package mutating func uniform(_ low: Float, _ high: Float) -> Float {
    low + (high - low) * nextUnit()
  }

  /// A uniform integer in `0..<bound` (multiply-shift: no modulo, a bias below 2⁻³²
  /// for the bounds used here).
  @inline(__always)
  package mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "an empty range")
    return Int(truncatingIfNeeded: (UInt128(next()) &* UInt128(bound)) >> 64)
  }

  /// A standard normal sample, N(0, 1) (Box–Muller, in Double for accuracy in the tails;
  /// every other call returns the second value of the pair).
  package mutating func normal() -> Float {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    let u1 = (Double(next() >> 11) + 1) * 0x1p-53
    let u2 = Double(next() >> 11) * 0x1p-53
    let radius = (-2 * log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    spareNormal = Float(radius * sin(angle))
    return Float(radius * cos(angle))
  }

  /// Fills `values` with consecutive ``normal()`` samples.
  package mutating func fillNormal(_ values: inout MutableSpan<Float>) {
    for i in values.indices { values[i] = normal() }
  }

  /// Puts `items` in a random order in place (Fisher–Yates; allocates nothing).
  package mutating func shuffle<Items: MutableCollection & RandomAccessCollection>(
    _ items: inout Items
  ) where Items.Index == Int {
    guard items.count > 1 else { return }
    let start = items.startIndex
    for position in stride(from: items.count - 1, to: 0, by: -1) {
      items.swapAt(start + position, start + below(position + 1))
    }
  }

  /// `items` in the order ``shuffle(_:)`` puts them.
  package mutating func shuffled<Element>(_ items: [Element]) -> [Element] {
    var result = items
    shuffle(&result)
    return result
  }
}
