import Synchronization

/// Decode failures recorded by concurrent workers, behind a lock.
final class FailureList: Sendable {
  private let storage: Mutex<[String?]>

  init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

  func record(_ item: Int, reason: String) {
    storage.withLock { $0[item] = reason }
  }

  var reasons: [String?] { storage.withLock { $0 } }
}
