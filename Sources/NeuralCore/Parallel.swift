import LatentBasics

/// Data parallelism over chunks of a batch, for the layers whose work splits
/// by image (convolutions): each worker runs single-threaded OpenBLAS calls
/// on its own chunks, so im2col, col2im and the GEMMs all scale together.
package enum Parallel {
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
    WorkerPool.shared.run(workers) { worker in
      for c in stride(from: worker, to: chunks, by: workers) { body(worker, c) }
    }
  }
}

extension Parallel {
  /// Splits `0..<count` into one contiguous part per worker of `threading` (as many as
  /// there are values, at most) and calls `body` on every part, the parts in parallel;
  /// with the ``Threading/Style/openBLAS`` style, one part (OpenBLAS parallelises each
  /// product itself).
  ///
  /// `body` must only write memory that belongs to its part.
  package static func forEachPart(
    of count: Int, threading: Threading, _ body: (Range<Int>) -> Void
  ) {
    let parts = threading.style == .openBLAS ? 1 : min(threading.workers, count)
    guard parts > 1 else {
      if count > 0 { body(0..<count) }
      return
    }
    forEachChunk(parts, workers: parts) { _, part in
      body((count * part / parts)..<(count * (part + 1) / parts))
    }
  }
}
