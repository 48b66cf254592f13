import Dispatch
import Glibc
import Synchronization

/// Worker threads that stay alive between parallel regions and wait for the next one by
/// spinning for a short while before they sleep, so that a sequence of short regions
/// (the layers of a one-face decode) does not pay a thread wake-up each.
///
/// One region runs at a time; a caller that finds the pool busy (the explorer decodes
/// while a model trains) runs its region on Dispatch instead.
final class WorkerPool: @unchecked Sendable {
  /// The pool of this process.
  static let shared = WorkerPool()

  /// Checks of the region counter (a few hundred microseconds) before a waiting worker sleeps.
  private static let spinsBeforeSleep = 300_000

  private let busy = Atomic<Bool>(false)
  /// Bumped to publish a region; workers remember the last one they saw.
  private let generation = Atomic<Int>(0)
  /// Helpers still running the current region.
  private let remaining = Atomic<Int>(0)
  /// Workers still awake (spinning) rather than asleep on the condition.
  private let sleepers = Atomic<Int>(0)
  /// Helpers the current region uses (workers beyond it skip it).
  fileprivate var helpers = 0
  /// The current region's body, for workers 1 ..< helpers + 1.
  fileprivate var body: ((Int) -> Void)?
  private var threadCount = 0
  private var sleepLock = pthread_mutex_t()
  private var wakeUp = pthread_cond_t()

  private init() {
    pthread_mutex_init(&sleepLock, nil)
    pthread_cond_init(&wakeUp, nil)
  }

  /// Runs `body(0)` … `body(count − 1)` at once, `body(0)` on the calling thread.
  func run(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
      if count == 1 { body(0) }
      return
    }
    guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    else {
      runOnDispatch(count, body)
      return
    }
    defer { busy.store(false, ordering: .releasing) }
    withoutActuallyEscaping(body) { body in
      startThreads(upTo: count - 1)
      self.body = body
      helpers = count - 1
      remaining.store(count - 1, ordering: .relaxed)
      // Sequentially consistent, with the worker's two steps before it sleeps: either
      // the worker sees the new region, or this sees the worker asleep and wakes it.
      generation.add(1, ordering: .sequentiallyConsistent)
      if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
        pthread_mutex_lock(&sleepLock)
        pthread_cond_broadcast(&wakeUp)
        pthread_mutex_unlock(&sleepLock)
      }
      body(0)
      while remaining.load(ordering: .acquiring) > 0 {}
      self.body = nil
    }
  }

  private func runOnDispatch(_ count: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { body in
      let task = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: count) { task.value($0) }
    }
  }

  /// Starts worker threads until there are `count`.
  private func startThreads(upTo count: Int) {
    while threadCount < count {
      threadCount += 1
      // The thread may first look after the next region is out: it starts from now.
      let start = WorkerStart(
        pool: self, index: threadCount, generation: generation.load(ordering: .relaxed))
      let context = Unmanaged.passRetained(start).toOpaque()
      var thread = pthread_t()
      let status = pthread_create(&thread, nil, { context in
        guard let context else { return nil }
        let start = Unmanaged<WorkerStart>.fromOpaque(context).takeRetainedValue()
        start.pool.work(as: start.index, from: start.generation)
        return nil
      }, context)
      guard status == 0 else { preconditionFailure("cannot start a worker thread (\(status))") }
      pthread_detach(thread)
    }
  }

  /// A worker's life: wait for a region, run its part if it has one, report, repeat.
  private func work(as index: Int, from lastSeen: Int) {
    var seen = lastSeen
    while true {
      var spins = 0
      var current = generation.load(ordering: .acquiring)
      while current == seen {
        spins += 1
        if spins >= Self.spinsBeforeSleep {
          pthread_mutex_lock(&sleepLock)
          sleepers.add(1, ordering: .sequentiallyConsistent)
          while generation.load(ordering: .sequentiallyConsistent) == seen {
            pthread_cond_wait(&wakeUp, &sleepLock)
          }
          sleepers.subtract(1, ordering: .releasing)
          pthread_mutex_unlock(&sleepLock)
          spins = 0
        }
        current = generation.load(ordering: .acquiring)
      }
      seen = current
      if index <= helpers {
        runPart(index)
        remaining.subtract(1, ordering: .releasing)
      }
    }
  }

  /// Runs part `index` of the current region: a function of its own, so that the
  /// worker's reference to the body is gone before the region is reported done.
  @inline(never)
  private func runPart(_ index: Int) {
    body?(index)
  }
}

/// What a new worker thread needs: its pool, its index and the last region it has seen.
private final class WorkerStart {
  let pool: WorkerPool
  let index: Int
  let generation: Int
  init(pool: WorkerPool, index: Int, generation: Int) {
    self.pool = pool
    self.index = index
    self.generation = generation
  }
}
