import LatentBasics

/// A few small sgemm products against the same products in Double: whether an OpenBLAS
/// kernel computes right on this CPU (some builds compute wrong results with some kernels
/// on some processors). About 0.3 million multiply–adds, run once when OpenBLAS loads.
package enum BLASSelfCheck {
  /// `C = alpha · op(A) · op(B) + beta · C`, row-major, as ``BLAS/gemm(transposeA:transposeB:m:n:k:alpha:_:lda:_:ldb:beta:_:ldc:)``
  /// takes it: transposeA, transposeB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc.
  package typealias Product =
    @Sendable (
      Bool, Bool, Int, Int, Int, Float, UnsafePointer<Float>, Int, UnsafePointer<Float>, Int, Float,
      UnsafeMutablePointer<Float>, Int
    ) -> Void

  /// The products checked, `(m, n, k, padding)`: one small enough for OpenBLAS's
  /// small-matrix kernels (n = 16), one with partial register tiles on every side and row
  /// strides `padding` wider than the rows; each with every combination of transposes.
  private static let shapes = [(m: 12, n: 16, k: 9, padding: 0), (m: 29, n: 35, k: 70, padding: 3)]

  /// Largest error allowed, relative to the sum of the magnitudes of an element's terms.
  package static let tolerance = 1e-4

  /// Whether `product` agrees with the products in Double within ``tolerance``.
  package static func passes(_ product: Product) -> Bool {
    var generator = SeededGenerator(seed: 2024)
    let (alpha, beta): (Float, Float) = (0.75, 0.5)
    for shape in shapes {
      for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
        let (m, n, k) = (shape.m, shape.n, shape.k)
        // Stored shapes: A [m, k] or [k, m], B [k, n] or [n, k], C [m, n]; rows padded.
        let lda = (transposeA ? m : k) + shape.padding
        let ldb = (transposeB ? k : n) + shape.padding
        let ldc = n + shape.padding
        let a = (0..<((transposeA ? k : m) * lda)).map { _ in generator.uniform(-1, 1) }
        let b = (0..<((transposeB ? n : k) * ldb)).map { _ in generator.uniform(-1, 1) }
        let initial = (0..<(m * ldc)).map { _ in generator.uniform(-1, 1) }
        var c = initial
        c.withUnsafeMutableBufferPointer { c in
          product(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c.baseAddress!, ldc)
        }
        for i in 0..<m {
          for j in 0..<n {
            var sum = 0.0
            var magnitude = 0.0
            for p in 0..<k {
              let term =
                Double(transposeA ? a[p * lda + i] : a[i * lda + p])
                * Double(transposeB ? b[j * ldb + p] : b[p * ldb + j])
              sum += term
              magnitude += abs(term)
            }
            let expected = Double(alpha) * sum + Double(beta) * Double(initial[i * ldc + j])
            let scale = Double(alpha) * magnitude + abs(Double(beta) * Double(initial[i * ldc + j]))
            // Written so that a NaN fails.
            guard abs(Double(c[i * ldc + j]) - expected) <= tolerance * scale else { return false }
          }
          // The padding past each row of C stays as it was.
          for j in n..<ldc where c[i * ldc + j] != initial[i * ldc + j] { return false }
        }
      }
    }
    return true
  }
}
