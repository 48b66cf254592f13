// Unsafe pointers: the one helper that splits an array into disjoint parts for threads.

extension Array {
  /// Hands each consecutive part of `partLength` elements to `body`, as a `MutableSpan` of
  /// exactly that part: `body(part, &values)` for part `0 ..< count / partLength` (elements
  /// past the last whole part are left alone).
  ///
  /// With `threads` > 1 the parts run on up to that many threads of the shared
  /// ``WorkerPool`` (each taking the next part as it finishes one), else in order on the
  /// calling thread. Allocates nothing on one thread.
  ///
  /// The one place outside NeuralCore that splits a buffer into parts by pointer: the parts
  /// are disjoint, so threads may write them at once.
  package mutating func updateParts(
    of partLength: Int, threads: Int = 1,
    _ body: (_ part: Int, _ values: inout MutableSpan<Element>) -> Void
  ) {
    precondition(partLength > 0, "parts of no elements")
    let parts = count / partLength
    guard parts > 0 else { return }
    withUnsafeMutableBufferPointer { buffer in
      func update(_ part: Int, in buffer: UnsafeMutableBufferPointer<Element>) {
        let range = (part * partLength)..<((part + 1) * partLength)
        var values = UnsafeMutableBufferPointer(rebasing: buffer[range]).mutableSpan
        body(part, &values)
      }
      guard threads > 1 else {
        for part in 0..<parts { update(part, in: buffer) }
        return
      }
      let shared = UncheckedSendable(buffer)
      WorkerPool.shared.forEach(parts, threads: threads) { part in update(part, in: shared.value) }
    }
  }
}
