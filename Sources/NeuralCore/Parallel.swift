import LatentBasics
import Synchronization

/// Data parallelism over chunks of a batch, for the layers whose work splits
/// by image (convolutions): each worker runs single-threaded OpenBLAS calls
/// on its own chunks, so im2col, col2im and the GEMMs all scale together.
package enum Parallel {
  /// Worker threads for the layers.
  package static var workers: Int {
    get { configuration.withLock { $0.workers } }
    set {
      let n = max(1, newValue)
      let style = configuration.withLock {
        $0.workers = n
        return $0.style
      }
      BLAS.threads = style == .openBLAS ? n : 1
    }
  }

  /// Who runs the matrix products of fully connected layers on several threads.
  package enum Style: Sendable {
    /// Our workers, each on its share of the rows with single-threaded OpenBLAS calls:
    /// for models with convolutions, whose chunked layers keep the workers busy
    /// (OpenBLAS's own threads would spin between its calls on the workers' cores).
    case workers
    /// OpenBLAS's threads, whose busy-waiting makes a chain of small products fast:
    /// for models of fully connected layers only.
    case openBLAS
  }

  /// How fully connected layers are parallelised (set it before ``workers``).
  package static var style: Style {
    get { configuration.withLock { $0.style } }
    set {
      let workers = configuration.withLock {
        $0.style = newValue
        return $0.workers
      }
      BLAS.threads = newValue == .openBLAS ? workers : 1
    }
  }

  private static let configuration = Mutex((workers: 1, style: Style.workers))

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
  /// Splits `0..<count` into one contiguous part per worker (as many as there are
  /// values, at most) and calls `body` on every part, the parts in parallel; with the
  /// ``Style/openBLAS`` style, one part (OpenBLAS parallelises each product itself).
  ///
  /// `body` must only write memory that belongs to its part.
  package static func forEachPart(of count: Int, _ body: (Range<Int>) -> Void) {
    let (workers, style) = configuration.withLock { ($0.workers, $0.style) }
    let parts = style == .openBLAS ? 1 : min(workers, count)
    guard parts > 1 else {
      if count > 0 { body(0..<count) }
      return
    }
    forEachChunk(parts, workers: parts) { _, part in
      body((count * part / parts)..<(count * (part + 1) / parts))
    }
  }
}

