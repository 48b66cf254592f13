import LatentBasics
import Testing

/// `updateParts` hands each part exactly its own elements, on one thread or several.
@Suite("Array parts")
struct ArrayPartsTests {
  @Test(arguments: [1, 3])
  func eachPartSeesItsOwnElementsAndLeavesTheRest(threads: Int) {
    // 10 parts of 7 and 3 elements after the last whole part.
    var values = [Int](repeating: -1, count: 73)
    values.updateParts(of: 7, threads: threads) { part, span in
      #expect(span.count == 7)
      for i in span.indices { span[i] = part * 100 + i }
    }
    let expected = (0..<70).map { ($0 / 7) * 100 + $0 % 7 } + [-1, -1, -1]
    #expect(values == expected)
  }

  @Test func anArrayShorterThanOnePartIsLeftAlone() {
    var values = [1, 2]
    var calls = 0
    values.updateParts(of: 3) { _, _ in calls += 1 }
    #expect(calls == 0 && values == [1, 2])
  }
}
