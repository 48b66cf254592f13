/// Scratch memory for Float32 values that grows on demand and is then reused.
///
/// Layers keep their outputs, gradients and im2col columns in these, so a
/// training step after the first allocates nothing: ``reserve(_:)`` only
/// allocates when a larger batch than ever before arrives.
package final class FloatBuffer {
  /// Start of the storage; valid until the next ``reserve(_:)`` that grows it.
  package private(set) var pointer: UnsafeMutablePointer<Float>
  /// Values the storage holds.
  package private(set) var capacity: Int

  package init(capacity: Int = 0) {
    self.capacity = max(capacity, 0)
    self.pointer = .allocate(capacity: max(capacity, 1))
    self.pointer.initialize(repeating: 0, count: max(capacity, 1))
  }

  deinit { pointer.deallocate() }

  /// Makes room for `count` values and returns the start; old contents are not kept.
  @discardableResult
  package func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
    if count > capacity {
      pointer.deallocate()
      pointer = .allocate(capacity: count)
      pointer.initialize(repeating: 0, count: count)
      capacity = count
    }
    return pointer
  }

  /// Sets the first `count` values to zero.
  package func zero(_ count: Int) {
    reserve(count).update(repeating: 0, count: count)
  }
}
