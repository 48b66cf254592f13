/// A batch cut into runs of whole images, sized so that one run's im2col
/// columns stay in the core's cache (about 512 KiB) while its GEMM is still
/// wide enough (at least 256 columns) to run at full speed.
package struct BatchChunks: Hashable, Sendable {
  /// Images in the batch.
  package let batch: Int
  /// Images per chunk (the last may have fewer).
  package let size: Int

  /// Plans chunks for `batch` images of `positions` columns each, in a column
  /// matrix of `rows` rows, leaving at least one chunk per worker.
  package init(batch: Int, positions: Int, rows: Int, workers: Int) {
    let cacheColumns = BatchChunks.cacheValues / max(rows, 1)
    let columns = max(BatchChunks.minimumColumns, cacheColumns)
    let workers = max(1, workers)
    let size = max(1, columns / max(positions, 1))
    // A whole number of chunks per worker, so that no worker waits for another.
    var chunks = (batch + size - 1) / size
    chunks = min(batch, (chunks + workers - 1) / workers * workers)
    self.batch = batch
    self.size = max(1, (batch + chunks - 1) / max(chunks, 1))
  }

  /// Float32 values of columns per chunk: 512 KiB, half of this CPU's L2
  /// (swept from 256 KiB to 2 MiB; this was fastest for conv64).
  static let cacheValues = 1 << 17
  /// The narrowest GEMM worth making.
  static let minimumColumns = 256

  /// Number of chunks.
  package var count: Int { (batch + size - 1) / size }

  /// The images of chunk `index`.
  package func images(_ index: Int) -> Range<Int> {
    (index * size)..<min(batch, (index + 1) * size)
  }
}
