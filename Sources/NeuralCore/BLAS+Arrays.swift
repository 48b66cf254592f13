extension BLAS {
  /// `C = alpha · op(A) · op(B) + beta · C` on packed row-major arrays, for code outside the
  /// kernels (classifiers, experiments); the pointer variant says what each argument means.
  ///
  /// - Parameters:
  ///   - a: `[m, k]`, or `[k, m]` with `transposeA`.
  ///   - b: `[k, n]`, or `[n, k]` with `transposeB`.
  ///   - c: `[m, n]`, updated in place.
  package static func gemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    alpha: Float = 1, _ a: [Float], _ b: [Float],
    beta: Float = 0, _ c: inout [Float]
  ) {
    precondition(m >= 0 && n >= 0 && k >= 0, "a negative matrix dimension")
    precondition(
      a.count == m * k && b.count == k * n && c.count == m * n,
      "matrices of \(a.count), \(b.count) and \(c.count) values for m \(m), n \(n), k \(k)")
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      // An empty inner product: C = beta · C.
      for i in c.indices { c[i] = beta == 0 ? 0 : beta * c[i] }
      return
    }
    // Every array holds at least one value here, so each has a start.
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
            a.baseAddress!, b.baseAddress!, beta: beta, c.baseAddress!)
        }
      }
    }
  }
}
