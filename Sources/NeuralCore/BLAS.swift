internal import COpenBLAS
import LatentBasics

/// Dense linear algebra on OpenBLAS (loaded on first use by ``OpenBLASLibrary``); with
/// that loader, the only file in the module that calls C.
package enum BLAS {
  /// Loads OpenBLAS and checks its kernel, if that has not happened yet; commands call this
  /// before any product, so that a machine without a working OpenBLAS gets one line, not a crash.
  /// - Throws: a ``LatentError`` of kind `unsupported` naming what is missing or wrong.
  package static func requireLibrary() throws(LatentError) {
    _ = try OpenBLASLibrary.loaded.get()
  }

  /// Threads OpenBLAS uses for each call.
  package static var threads: Int {
    get { Int(OpenBLASLibrary.shared.getThreads()) }
    set { OpenBLASLibrary.shared.setThreads(Int32(max(1, newValue))) }
  }

  /// The OpenBLAS build, e.g. `OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH … Cooperlake MAX_THREADS=64`.
  package static var configuration: String {
    OpenBLASLibrary.shared.getConfig().map { String(cString: $0) } ?? "OpenBLAS"
  }

  /// The CPU kernel products run on, and who chose it (OpenBLAS, latent or the user).
  package static var kernel: BLASKernelSelection { OpenBLASLibrary.shared.kernel }

  /// `C = alpha · op(A) · op(B) + beta · C`, all row-major.
  ///
  /// - Parameters:
  ///   - transposeA: use Aᵀ; A is stored `[k, m]` then, else `[m, k]`.
  ///   - transposeB: use Bᵀ; B is stored `[n, k]` then, else `[k, n]`.
  ///   - m, n, k: C is `[m, n]`, the inner dimension is `k`.
  ///   - lda, ldb, ldc: row strides; default to the packed widths.
  @inline(__always)
  package static func gemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    alpha: Float = 1,
    _ a: UnsafePointer<Float>, lda: Int? = nil,
    _ b: UnsafePointer<Float>, ldb: Int? = nil,
    beta: Float = 0,
    _ c: UnsafeMutablePointer<Float>, ldc: Int? = nil
  ) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      // An empty inner product: C = beta · C.
      for i in 0..<(m * n) { c[i] = beta == 0 ? 0 : beta * c[i] }
      return
    }
    let lda = lda ?? (transposeA ? m : k)
    let ldb = ldb ?? (transposeB ? k : n)
    let ldc = ldc ?? n
    OpenBLASLibrary.shared.sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
      beta, c, blasint(ldc))
  }

  /// `y = alpha · op(A) · x + beta · y` for a row-major `[m, n]` matrix A.
  @inline(__always)
  package static func gemv(
    transpose: Bool = false, m: Int, n: Int, alpha: Float = 1,
    _ a: UnsafePointer<Float>, _ x: UnsafePointer<Float>, beta: Float = 0,
    _ y: UnsafeMutablePointer<Float>
  ) {
    guard m > 0, n > 0 else { return }
    OpenBLASLibrary.shared.sgemv(
      CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), alpha, a,
      blasint(n), x, 1, beta, y, 1)
  }
}
