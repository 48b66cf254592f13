/// The threads one piece of work (a model's forward and backward passes) runs on: a value
/// its owner passes to the work, so two models on two queues (the explorer's decoder and
/// its trainer) each run with their own.
package struct Threading: Hashable, Sendable {
  /// Who runs the matrix products of fully connected layers on several threads.
  package enum Style: Hashable, Sendable {
    /// Our workers, each on its share of the rows with single-threaded OpenBLAS calls:
    /// for models with convolutions, whose chunked layers keep the workers busy
    /// (OpenBLAS's own threads would spin between its calls on the workers' cores).
    case workers
    /// OpenBLAS's threads, whose busy-waiting makes a chain of small products fast:
    /// for models of fully connected layers only.
    case openBLAS
  }

  /// Worker threads for the layers (at least 1).
  package let workers: Int
  /// How fully connected layers are parallelised.
  package let style: Style

  /// `workers` threads (at least 1) in `style`.
  package init(workers: Int, style: Style = .workers) {
    self.workers = max(1, workers)
    self.style = style
  }

  /// Everything on the calling thread (and single-threaded OpenBLAS calls from the layers).
  package static let single = Threading(workers: 1)

  /// The OpenBLAS thread count this work wants: ``workers`` in the ``Style/openBLAS``
  /// style, else 1 (each worker makes single-threaded calls).
  package var openBLASThreads: Int { style == .openBLAS ? workers : 1 }

  /// Sets OpenBLAS's thread count to ``openBLASThreads``.
  ///
  /// OpenBLAS has one thread setting for the whole process. It starts at one thread when
  /// the library loads; after that this is the only place that sets it, and only the
  /// long-running work that owns the CPU calls it: a training run (``Trainer``), a benchmark.
  /// Work that runs beside it (the explorer's one-face decodes) leaves it alone.
  package func claimOpenBLAS() { BLAS.threads = openBLASThreads }
}
