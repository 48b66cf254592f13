import Dispatch
import LatentBasics
import Synchronization
import Testing

/// The pool runs every part exactly once, however many threads take part.
@Suite("Worker pool")
struct WorkerPoolTests {
  /// How often each part ran, counted under a lock.
  final class Hits: Sendable {
    let counts: Mutex<[Int]>
    init(_ count: Int) { counts = Mutex([Int](repeating: 0, count: count)) }
    func hit(_ part: Int) { counts.withLock { $0[part] += 1 } }
    var values: [Int] { counts.withLock { $0 } }
  }

  @Test(arguments: [0, 1, 2, 3, 7, 64, 500])
  func runRunsEveryPartOnce(count: Int) {
    for _ in 0..<20 {
      let hits = Hits(count)
      WorkerPool.shared.run(count) { hits.hit($0) }
      #expect(hits.values == [Int](repeating: 1, count: count))
    }
  }

  @Test func forEachTakesEveryItemOnce() {
    let hits = Hits(1000)
    WorkerPool.shared.forEach(1000, threads: 3) { hits.hit($0) }
    #expect(hits.values == [Int](repeating: 1, count: 1000))
  }

  @Test func mapKeepsTheOrder() {
    #expect(WorkerPool.shared.map(5) { $0 * $0 } == [0, 1, 4, 9, 16])
    #expect(WorkerPool.shared.map(0) { $0 }.isEmpty)
  }

  @Test func callersFromSeveralThreadsAllFinish() {
    let hits = Hits(4 * 50 * 3)
    DispatchQueue.concurrentPerform(iterations: 4) { caller in
      for region in 0..<50 {
        WorkerPool.shared.run(3) { hits.hit((caller * 50 + region) * 3 + $0) }
      }
    }
    #expect(hits.values.allSatisfy { $0 == 1 })
  }
}
