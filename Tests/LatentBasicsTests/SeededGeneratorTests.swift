import LatentBasics
import Testing

/// The generator's stream as documented, computed here from the published algorithms.
@Suite("Seeded generator")
struct SeededGeneratorTests {
  /// SplitMix64 (Steele, Lea and Flood 2014), as in Vigna's splitmix64.c.
  struct ReferenceSplitMix64 {
    var x: UInt64
    mutating func next() -> UInt64 {
      x = x &+ 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// xoshiro256** 1.0, as in Blackman and Vigna's xoshiro256starstar.c.
  struct ReferenceXoshiro {
    var s: [UInt64]
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
    mutating func next() -> UInt64 {
      let result = Self.rotl(s[1] &* 5, 7) &* 9
      let t = s[1] << 17
      s[2] ^= s[0]
      s[3] ^= s[1]
      s[1] ^= s[2]
      s[0] ^= s[3]
      s[2] ^= t
      s[3] = Self.rotl(s[3], 45)
      return result
    }
    init(seed: UInt64) {
      var mixer = ReferenceSplitMix64(x: seed)
      s = (0..<4).map { _ in mixer.next() }
    }
    init(state: [UInt64]) { s = state }
  }

  @Test func theReferencesGiveTheirPublishedValues() {
    var splitMix = ReferenceSplitMix64(x: 0)
    #expect(splitMix.next() == 0xE220_A839_7B1D_CDAF)
    var xoshiro = ReferenceXoshiro(state: [1, 2, 3, 4])
    #expect(
      (0..<4).map { _ in xoshiro.next() } == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
  }

  @Test(arguments: [0, 1, 7, 0x1A7E27, UInt64.max])
  func bitsAreXoshiroSeededBySplitMix(seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    var reference = ReferenceXoshiro(seed: seed)
    for _ in 0..<16 { #expect(generator.next() == reference.next()) }
  }

  @Test func streamsAreSeedsMixedWithTheStreamNumber() {
    for stream in [0, 1, 2, 1000] {
      var generator = SeededGenerator(seed: 7, stream: stream)
      var reference = ReferenceXoshiro(seed: 7 ^ (UInt64(stream) &* 0xD1B5_4A32_D192_ED03))
      for _ in 0..<4 { #expect(generator.next() == reference.next()) }
    }
    var first = SeededGenerator(seed: 7, stream: 1)
    var second = SeededGenerator(seed: 7, stream: 2)
    #expect(first.next() != second.next())
  }

  @Test func normalsAreBoxMullerPairsFromTheBits() {
    var generator = SeededGenerator(seed: 3)
    var reference = ReferenceXoshiro(seed: 3)
    for _ in 0..<4 {
      let u1 = (Double(reference.next() >> 11) + 1) / 9_007_199_254_740_992
      let u2 = Double(reference.next() >> 11) / 9_007_199_254_740_992
      let radius = (-2 * _log(u1)).squareRoot()
      let first = generator.normal()
      let second = generator.normal()
      #expect(abs(Double(first) - radius * _cos(2 * Double.pi * u2)) < 1e-5)
      #expect(abs(Double(second) - radius * _sin(2 * Double.pi * u2)) < 1e-5)
    }
  }

  @Test func normalsHaveMeanZeroAndVarianceOne() {
    var generator = SeededGenerator(seed: 11)
    let count = 200_000
    var sum = 0.0
    var squares = 0.0
    var beyondTwo = 0
    for _ in 0..<count {
      let value = Double(generator.normal())
      sum += value
      squares += value * value
      if abs(value) > 2 { beyondTwo += 1 }
    }
    let mean = sum / Double(count)
    #expect(abs(mean) < 0.01)
    #expect(abs(squares / Double(count) - mean * mean - 1) < 0.02)
    // P(|z| > 2) = 4.55 %.
    #expect(abs(Double(beyondTwo) / Double(count) - 0.0455) < 0.003)
  }

  @Test func fillNormalContinuesTheSameSamples() {
    var one = SeededGenerator(seed: 5)
    var other = SeededGenerator(seed: 5)
    var values = [Float](repeating: 0, count: 7)
    do {
      var span = values.mutableSpan
      one.fillNormal(&span)
    }
    #expect(values == (0..<7).map { _ in other.normal() })
  }

  @Test func unitAndBelowStayInRange() {
    var generator = SeededGenerator(seed: 9)
    var counts = [Int](repeating: 0, count: 6)
    for _ in 0..<60_000 {
      let unit = generator.nextUnit()
      #expect(unit >= 0 && unit < 1)
      counts[generator.below(6)] += 1
    }
    #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
  }

  @Test func shuffleIsASeedStablePermutation() {
    let items = Array(0..<100)
    var first = SeededGenerator(seed: 21)
    var again = SeededGenerator(seed: 21)
    var other = SeededGenerator(seed: 22)
    let shuffled = first.shuffled(items)
    #expect(shuffled.sorted() == items)
    #expect(shuffled != items)
    #expect(again.shuffled(items) == shuffled)
    #expect(other.shuffled(items) != shuffled)
    var inPlace = items
    var fourth = SeededGenerator(seed: 21)
    fourth.shuffle(&inPlace)
    #expect(inPlace == shuffled)
  }

  @Test func shuffleFollowsFisherYatesFromTheEnd() {
    var generator = SeededGenerator(seed: 4)
    var reference = ReferenceXoshiro(seed: 4)
    var expected = Array(0..<10)
    for position in stride(from: 9, to: 0, by: -1) {
      let other = Int((UInt128(reference.next()) * UInt128(position + 1)) >> 64)
      expected.swapAt(position, other)
    }
    #expect(generator.shuffled(Array(0..<10)) == expected)
  }

  /// Taken between the two normals of a Box–Muller pair, the state continues the stream.
  @Test func aSavedStateContinuesTheStreamExactly() throws {
    var original = SeededGenerator(seed: 42)
    _ = original.normal()
    let state = original.state
    #expect(state.spareNormal != nil)
    var copy = try #require(SeededGenerator(state: state))
    let expected = (0..<9).map { _ in original.normal() } + [Float(original.next() >> 40)]
    #expect((0..<9).map { _ in copy.normal() } + [Float(copy.next() >> 40)] == expected)
    #expect(SeededGenerator(state: .init(words: [0, 0, 0, 0], spareNormal: nil)) == nil)
    #expect(SeededGenerator(state: .init(words: [1, 2, 3], spareNormal: nil)) == nil)
  }
}
