import Foundation

/// Decode failures recorded by concurrent workers, behind a lock.
final class FailureList: @unchecked Sendable {
  private var storage: [String?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func record(_ item: Int, reason: String) {
    lock.lock()
    storage[item] = reason
    lock.unlock()
  }

  var reasons: [String?] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
