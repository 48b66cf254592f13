/// The eigenvalues and eigenvectors of a real symmetric matrix, by cyclic Jacobi rotations
/// in Double precision: small and exact enough for latent covariances (`D ≤ 512`; each sweep
/// costs about `4·D³` operations and a few sweeps converge).
package struct SymmetricEigen: Hashable, Sendable {
  /// The largest matrix side ``init(symmetric:size:)`` takes.
  package static let maximumSize = 512

  /// The matrix side, `n`.
  package let size: Int
  /// The eigenvalues, largest first, `[n]`.
  package let values: [Double]
  /// The eigenvectors as rows, `[n, n]` row-major: row `k` belongs to `values[k]`. Rows are
  /// orthonormal; each is signed so that its entry of largest magnitude is positive.
  package let vectors: [Double]

  /// Decomposes `matrix` (`[n, n]` row-major, symmetric; only its values are read, the
  /// symmetry is not checked), with `n = size ≤ maximumSize`.
  package init(symmetric matrix: [Double], size n: Int) {
    precondition(n >= 0 && n <= Self.maximumSize && matrix.count == n * n)
    var a = matrix
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    let total = a.reduce(0) { $0 + $1 * $1 }
    for _ in 0..<64 {
      var offDiagonal = 0.0
      for p in 0..<n {
        for q in (p + 1)..<max(p + 1, n) { offDiagonal += a[p * n + q] * a[p * n + q] }
      }
      if offDiagonal <= 1e-30 * total { break }
      for p in 0..<n {
        for q in (p + 1)..<max(p + 1, n) {
          let apq = a[p * n + q]
          if apq == 0 { continue }
          let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
          let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          // A ← Jᵀ·A·J and V ← V·J, J the rotation in the (p, q) plane that zeroes A[p, q].
          for k in 0..<n {
            let akp = a[k * n + p]
            let akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
          }
          for k in 0..<n {
            let apk = a[p * n + k]
            let aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
          }
          for k in 0..<n {
            let vkp = v[k * n + p]
            let vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
          }
        }
      }
    }
    let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
    var vectors = [Double]()
    vectors.reserveCapacity(n * n)
    for column in order {
      var vector = (0..<n).map { v[$0 * n + column] }
      let largest = vector.indices.max { abs(vector[$0]) < abs(vector[$1]) }
      if let largest, vector[largest] < 0 { vector = vector.map { -$0 } }
      vectors += vector
    }
    size = n
    values = order.map { a[$0 * n + $0] }
    self.vectors = vectors
  }

  /// Eigenvector `k` (of the `k`-th largest eigenvalue), `[n]`.
  package func vector(_ k: Int) -> [Double] {
    Array(vectors[(k * size)..<((k + 1) * size)])
  }
}
