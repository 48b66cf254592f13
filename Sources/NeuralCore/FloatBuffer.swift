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
    self.pointer = FloatBuffer.allocate(max(capacity, 1))
  }

  deinit { pointer.deallocate() }

  /// Bytes the storage is aligned to: a cache line, so that a 64-byte vector store at a
  /// multiple of 16 values never straddles two lines (malloc's large blocks start 16 bytes
  /// past a page).
  package static let alignment = 64

  /// `count` zeros at a multiple of ``alignment``.
  private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: count * MemoryLayout<Float>.stride, alignment: alignment)
    return raw.initializeMemory(as: Float.self, repeating: 0, count: count)
  }

  /// Makes room for `count` values and returns the start; old contents are not kept.
  @discardableResult
  package func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
    if count > capacity {
      pointer.deallocate()
      pointer = FloatBuffer.allocate(count)
      capacity = count
    }
    return pointer
  }

  /// Sets the first `count` values to zero.
  package func zero(_ count: Int) {
    reserve(count).update(repeating: 0, count: count)
  }
}
