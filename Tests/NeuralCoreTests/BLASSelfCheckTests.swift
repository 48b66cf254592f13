import NeuralCore
import Testing

@Suite("The self-check of OpenBLAS products")
struct BLASSelfCheckTests {
  /// OpenBLAS's product, as BLAS.gemm computes it.
  static let openBLAS: BLASSelfCheck.Product = {
    transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
    BLAS.gemm(
      transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a, lda: lda,
      b,
      ldb: ldb, beta: beta, c, ldc: ldc)
  }

  @Test func openBLASPasses() {
    #expect(BLASSelfCheck.passes(Self.openBLAS))
  }

  /// Right products, then `fault` applied to C (`[m, ldc]`) of the larger transposed product.
  static func faulty(
    _ fault: @escaping @Sendable (UnsafeMutablePointer<Float>, _ n: Int, _ ldc: Int) -> Void
  )
    -> BLASSelfCheck.Product
  {
    { transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
      openBLAS(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
      if m > 16 && transposeA && !transposeB { fault(c, n, ldc) }
    }
  }

  /// The tolerance there is about 1e-4 × 70 × 0.75 × ¼ (k, alpha, mean |a·b|) ≈ 0.0013.
  @Test func anElementOffByFiveHundredthsFails() {
    #expect(!BLASSelfCheck.passes(Self.faulty { c, _, ldc in c[5 * ldc + 7] += 0.05 }))
  }

  @Test func aNaNFails() {
    #expect(!BLASSelfCheck.passes(Self.faulty { c, _, ldc in c[3 * ldc + 2] = .nan }))
  }

  @Test func aWriteIntoTheRowPaddingFails() {
    #expect(!BLASSelfCheck.passes(Self.faulty { c, n, ldc in c[2 * ldc + n] += 1 }))
  }

  /// A product that ignores beta (C = alpha · op(A) · op(B)) fails.
  @Test func ignoringBetaFails() {
    let ignoringBeta: BLASSelfCheck.Product = {
      transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, _, c, ldc in
      Self.openBLAS(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, 0, c, ldc)
    }
    #expect(!BLASSelfCheck.passes(ignoringBeta))
  }
}
