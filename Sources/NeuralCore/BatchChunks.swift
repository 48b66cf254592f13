/// A batch cut into runs of whole images, sized so that one run's im2col
/// columns stay in the core's cache (about 1 MiB) while its GEMM is still
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
    var size = max(1, columns / max(positions, 1))
    size = min(size, (batch + workers - 1) / max(workers, 1))
    self.batch = batch
    self.size = max(1, min(size, batch))
  }

  nonisolated(unsafe) package static var cacheValues = 1 << 18
  nonisolated(unsafe) package static var minimumColumns = 256

  /// Number of chunks.
  package var count: Int { (batch + size - 1) / size }

  /// The images of chunk `index`.
  package func images(_ index: Int) -> Range<Int> {
    (index * size)..<min(batch, (index + 1) * size)
  }
}
