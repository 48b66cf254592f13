import Dispatch
import Synchronization

/// Data parallelism over chunks of a batch, for the layers whose work splits
/// by image (convolutions): each worker runs single-threaded OpenBLAS calls
/// on its own chunks, so im2col, col2im and the GEMMs all scale together.
package enum Parallel {
  /// Worker threads for chunked layers; ``BLAS/threads`` follows it too.
  package static var workers: Int {
    get { configuredWorkers.withLock { $0 } }
    set {
      let n = max(1, newValue)
      configuredWorkers.withLock { $0 = n }
      BLAS.threads = n
    }
  }
  private static let configuredWorkers = Mutex(1)

  /// Calls `body(worker, chunk)` for every chunk in `0..<chunks`, chunk `c`
  /// on worker `c % workers`, the workers in parallel. Returns when all are done.
  ///
  /// `body` must only write memory that belongs to its chunk or its worker.
  package static func forEachChunk(
    _ chunks: Int, workers requested: Int, _ body: (_ worker: Int, _ chunk: Int) -> Void
  ) {
    let workers = min(requested, chunks)
    guard workers > 1 else {
      for c in 0..<chunks { body(0, c) }
      return
    }
    let threads = BLAS.threads
    BLAS.threads = 1
    defer { BLAS.threads = threads }
    withoutActuallyEscaping(body) { body in
      let task = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for c in stride(from: worker, to: chunks, by: workers) { task.value(worker, c) }
      }
    }
  }
}

/// A value handed to worker threads that the caller has made safe by hand
/// (each worker touches disjoint memory).
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

