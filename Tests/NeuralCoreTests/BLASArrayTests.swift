import NeuralCore
import Testing

/// `BLAS.gemm` on arrays: the products and transposes worked by hand.
@Suite("BLAS on arrays")
struct BLASArrayTests {
  // A = [[1, 2, 3], [4, 5, 6]] (2 × 3), B = [[1, 0], [0, 1], [2, -1]] (3 × 2).
  let a: [Float] = [1, 2, 3, 4, 5, 6]
  let b: [Float] = [1, 0, 0, 1, 2, -1]

  @Test func productAddsToBetaTimesC() {
    var c: [Float] = [10, 20, 30, 40]
    BLAS.gemm(m: 2, n: 2, k: 3, alpha: 2, a, b, beta: 1, &c)
    // A·B = [[7, -1], [16, -1]].
    #expect(c == [24, 18, 62, 38])
  }

  @Test func transposedOperands() {
    // Aᵀ stored as [3, 2] and Bᵀ as [2, 3] give the same product.
    let aTransposed: [Float] = [1, 4, 2, 5, 3, 6]
    let bTransposed: [Float] = [1, 0, 2, 0, 1, -1]
    var c = [Float](repeating: 7, count: 4)
    BLAS.gemm(
      transposeA: true, transposeB: true, m: 2, n: 2, k: 3, aTransposed, bTransposed, &c)
    #expect(c == [7, -1, 16, -1])
  }

  @Test func anEmptyInnerDimensionScalesC() {
    var c: [Float] = [1, -2]
    BLAS.gemm(m: 1, n: 2, k: 0, [], [], beta: 3, &c)
    #expect(c == [3, -6])
    BLAS.gemm(m: 1, n: 2, k: 0, [], [], &c)
    #expect(c == [0, 0])
  }
}
