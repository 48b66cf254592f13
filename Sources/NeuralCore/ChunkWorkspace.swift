/// Scratch one worker of a convolution layer uses for its chunks of a batch.
final class ChunkWorkspace {
  /// im2col columns of the chunk.
  let columns = FloatBuffer()
  /// A GEMM result or a permuted copy of the chunk.
  let product = FloatBuffer()
  /// This worker's share of dLoss/dWeight.
  let weightGradient = FloatBuffer()
  /// This worker's share of dLoss/dBias.
  let biasGradient = FloatBuffer()

  var capacity: Int {
    columns.capacity + product.capacity + weightGradient.capacity + biasGradient.capacity
  }

  /// Workspaces for `workers` workers, reusing the ones in `existing`.
  static func ensure(_ existing: inout [ChunkWorkspace], workers: Int) {
    while existing.count < workers { existing.append(ChunkWorkspace()) }
  }

  /// Sums the workers' parameter gradients into `weight` and `bias` (when the layer has one).
  static func reduce(
    _ workspaces: ArraySlice<ChunkWorkspace>, into weight: Parameter, _ bias: Parameter?
  ) {
    guard let first = workspaces.first else { return }
    weight.gradient.update(from: first.weightGradient.pointer, count: weight.count)
    bias?.gradient.update(from: first.biasGradient.pointer, count: bias?.count ?? 0)
    for other in workspaces.dropFirst() {
      let w = other.weightGradient.pointer
      VectorLoop.map(weight.count, weight.gradient, w, into: weight.gradient) { $0 + $1 }
      guard let bias else { continue }
      let b = other.biasGradient.pointer
      for i in 0..<bias.count { bias.gradient[i] += b[i] }
    }
  }
}
