import Synchronization

/// A process-wide counter that any thread may bump.
final class AtomicCounter: Sendable {
  private let storage = Atomic<Int>(0)
  var value: Int { storage.load(ordering: .relaxed) }
  func increment() { storage.add(1, ordering: .relaxed) }
}
