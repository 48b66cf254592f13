import Dispatch
import Glibc
import Synchronization

/// The program's one way to run work on several threads: worker threads that stay alive
/// between parallel regions and wait for the next one by spinning for a short while before
/// they sleep, so that a sequence of short regions (the layers of a one-face decode, the
/// halves of a sixel image) does not pay a thread start or wake-up each.
///
/// A region's parts are claimed, not assigned: the calling thread runs part 0 and then
/// claims further parts itself while no helper has, so a helper that is not yet running
/// (just started, or asleep) never holds the caller up, and one that arrives late finds
/// no work. The caller waits only for parts that a helper has claimed and is running.
///
/// One region runs at a time; a caller that finds the pool busy (the explorer decodes
/// while a model trains) runs its region on Dispatch instead.
package final class WorkerPool: @unchecked Sendable {
  /// The pool of this process.
  package static let shared = WorkerPool()

  /// The processors online (at least 1).
  package static let processorCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

  /// Checks of the region word (a few hundred microseconds) before a waiting worker sleeps.
  private static let spinsBeforeSleep = 300_000
  /// The most parts a region can have (its count is 16 bits of the region word).
  private static let maximumParts = 0xFFFF

  private let busy = Atomic<Bool>(false)
  /// The current region: its number (bits 32…), its part count (bits 16–31) and the next
  /// part to claim (bits 0–15). Bumping the number publishes a region.
  private let region = Atomic<UInt64>(0)
  /// Parts of the current region finished.
  private let finished = Atomic<Int>(0)
  /// Workers asleep on the condition rather than spinning.
  private let sleepers = Atomic<Int>(0)
  /// The current region's body; set before the region is published.
  private var body: ((Int) -> Void)?
  private var threadCount = 0
  private var sleepLock = pthread_mutex_t()
  private var wakeUp = pthread_cond_t()

  private init() {
    pthread_mutex_init(&sleepLock, nil)
    pthread_cond_init(&wakeUp, nil)
  }

  /// Runs `body(0)` … `body(count − 1)`, each exactly once, on up to `count` threads at
  /// once (`body(0)` on the calling thread); returns when all have returned.
  ///
  /// `body` must only write memory that belongs to its part.
  package func run(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
      if count == 1 { body(0) }
      return
    }
    precondition(count <= Self.maximumParts, "too many parts")
    guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    else {
      withoutActuallyEscaping(body) { body in
        let task = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: count) { task.value($0) }
      }
      return
    }
    defer { busy.store(false, ordering: .releasing) }
    withoutActuallyEscaping(body) { body in
      startThreads(upTo: count - 1)
      self.body = body
      finished.store(0, ordering: .relaxed)
      // Part 0 is the caller's: the region starts with part 1 next.
      let number = ((region.load(ordering: .relaxed) >> 32) &+ 1) & 0xFFFF_FFFF
      // Sequentially consistent, with the worker's two steps before it sleeps: either
      // the worker sees the new region, or this sees the worker asleep and wakes it.
      region.store(
        number << 32 | UInt64(count) << 16 | 1, ordering: .sequentiallyConsistent)
      if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
        pthread_mutex_lock(&sleepLock)
        pthread_cond_broadcast(&wakeUp)
        pthread_mutex_unlock(&sleepLock)
      }
      body(0)
      var done = 1
      while let part = claim(in: number) {
        body(part)
        done += 1
      }
      finished.add(done, ordering: .relaxed)
      while finished.load(ordering: .acquiring) < count {}
      self.body = nil
    }
  }

  /// Calls `body(item)` for every item in `0..<count`, exactly once each, on up to
  /// `threads` threads that take the next item as they finish one (for items of uneven
  /// cost, such as image files to decode).
  package func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
    let next = Atomic<Int>(0)
    run(min(max(threads, 1), count)) { _ in
      while true {
        let item = next.add(1, ordering: .relaxed).oldValue
        guard item < count else { return }
        body(item)
      }
    }
  }

  /// `body(0) … body(count − 1)` in order, the parts run as ``run(_:_:)`` runs them.
  package func map<Result>(_ count: Int, _ body: (Int) -> Result) -> [Result] {
    [Result](unsafeUninitializedCapacity: count) { buffer, initializedCount in
      let results = UncheckedSendable(buffer)
      run(count) { part in (results.value.baseAddress! + part).initialize(to: body(part)) }
      initializedCount = count
    }
  }

  /// Claims the next unclaimed part of region `number`, or nil when none is left (or the
  /// region is over).
  private func claim(in number: UInt64) -> Int? {
    var word = region.load(ordering: .acquiring)
    while true {
      let part = Int(word & 0xFFFF)
      let count = Int(word >> 16 & 0xFFFF)
      guard word >> 32 == number, part < count else { return nil }
      let (exchanged, original) = region.compareExchange(
        expected: word, desired: word + 1, ordering: .acquiringAndReleasing)
      if exchanged { return part }
      word = original
    }
  }

  /// Starts worker threads until there are `count`.
  private func startThreads(upTo count: Int) {
    while threadCount < count {
      threadCount += 1
      // The thread may first look after the next region is out: it starts from now.
      let start = WorkerStart(pool: self, region: region.load(ordering: .relaxed) >> 32)
      let context = Unmanaged.passRetained(start).toOpaque()
      var thread = pthread_t()
      let status = pthread_create(
        &thread, nil,
        { context in
          guard let context else { return nil }
          let start = Unmanaged<WorkerStart>.fromOpaque(context).takeRetainedValue()
          start.pool.work(from: start.region)
          return nil
        }, context)
      guard status == 0 else { preconditionFailure("cannot start a worker thread (\(status))") }
      pthread_detach(thread)
    }
  }

  /// A worker's life: wait for a region, run the parts it can claim, report, repeat.
  private func work(from lastSeen: UInt64) {
    var seen = lastSeen
    while true {
      var spins = 0
      var current = region.load(ordering: .acquiring) >> 32
      while current == seen {
        spins += 1
        if spins >= Self.spinsBeforeSleep {
          pthread_mutex_lock(&sleepLock)
          sleepers.add(1, ordering: .sequentiallyConsistent)
          while region.load(ordering: .sequentiallyConsistent) >> 32 == seen {
            pthread_cond_wait(&wakeUp, &sleepLock)
          }
          sleepers.subtract(1, ordering: .releasing)
          pthread_mutex_unlock(&sleepLock)
          spins = 0
        }
        current = region.load(ordering: .acquiring) >> 32
      }
      seen = current
      while let part = claim(in: current) {
        runPart(part)
        finished.add(1, ordering: .releasing)
      }
    }
  }

  /// Runs part `index` of the current region: a function of its own, so that the
  /// worker's reference to the body is gone before the part is reported done.
  @inline(never)
  private func runPart(_ index: Int) {
    body?(index)
  }
}

/// What a new worker thread needs: its pool and the last region it has seen.
private final class WorkerStart {
  let pool: WorkerPool
  let region: UInt64
  init(pool: WorkerPool, region: UInt64) {
    self.pool = pool
    self.region = region
  }
}
