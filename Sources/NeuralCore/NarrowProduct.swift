/// Matrix products `C = Wᵀ·X` with few columns, W read where it lies, for a one-image
/// transposed convolution whose input has few pixels or not a multiple of 16 (the first
/// layer of a decoder on 2×2 or 3×3 pixels): OpenBLAS would pack the whole weight on
/// every call, and ``PanelProduct`` takes only multiples of 16 columns.
///
/// W is row-major `[k, m]` (a ConvTranspose2d weight `[Cin, Cout·kh·kw]`), X is
/// `[k, n]` with its columns padded to a multiple of 4 (``paddedColumns(_:)``), C is
/// row-major `[rows, n]`. The inner loop keeps a 24-row × 4-column block of C in twelve
/// 8-lane accumulators: per step of k, three unaligned loads of W's row and four
/// broadcasts of X.
package enum NarrowProduct {
  typealias Vector = FastMath.Vector

  /// Columns of X that one pass of the inner loop covers.
  package static let blockColumns = 4

  /// Columns of X as ``multiplyTransposed(_:rowLength:rows:k:paddedColumns:n:into:)``
  /// takes it: `n` rounded up to a multiple of 4.
  package static func paddedColumns(_ n: Int) -> Int {
    (n + blockColumns - 1) / blockColumns * blockColumns
  }

  /// Copies X, row-major `[k, n]`, into `[k, paddedColumns(n)]` with zeros in the added columns.
  package static func padColumns(
    _ x: UnsafePointer<Float>, k: Int, n: Int, into padded: UnsafeMutablePointer<Float>
  ) {
    let width = paddedColumns(n)
    for i in 0..<k {
      (padded + i * width).update(from: x + i * n, count: n)
      (padded + i * width + n).update(repeating: 0, count: width - n)
    }
  }

  /// `C = (W's columns rows)ᵀ · X`: C's row `r − rows.lowerBound` is Σᵢ W[i, r]·X[i, ·].
  ///
  /// - Parameters:
  ///   - w: W, row-major with `rowLength` values a row (at least `rows.upperBound`).
  ///   - x: X `[k, paddedColumns(n)]` from ``padColumns(_:k:n:into:)``.
  ///   - c: C, row-major `[rows.count, n]`.
  package static func multiplyTransposed(
    _ w: UnsafePointer<Float>, rowLength: Int, rows: Range<Int>, k: Int,
    paddedColumns x: UnsafePointer<Float>, n: Int, into c: UnsafeMutablePointer<Float>
  ) {
    let width = paddedColumns(n)
    var r = rows.lowerBound
    while r < rows.upperBound {
      let count = rows.upperBound - r
      let vectors = count >= 24 ? 3 : count >= 8 ? 1 : 0
      let target = c + (r - rows.lowerBound) * n
      for j in stride(from: 0, to: n, by: blockColumns) {
        let columns = min(blockColumns, n - j)
        switch vectors {
        case 3:
          block(vectors: 3, w + r, rowLength: rowLength, k: k, x + j, width: width,
            into: target + j, n: n, columns: columns)
        case 1:
          block(vectors: 1, w + r, rowLength: rowLength, k: k, x + j, width: width,
            into: target + j, n: n, columns: columns)
        default:
          for row in 0..<count {
            for column in j..<(j + columns) {
              var sum: Float = 0
              for i in 0..<k { sum += w[i * rowLength + r + row] * x[i * width + column] }
              target[row * n + column] = sum
            }
          }
        }
      }
      r += vectors == 0 ? count : 8 * vectors
    }
  }

  /// One block of C: `8·vectors` rows (1 or 3 vectors, a constant once inlined) × 4
  /// columns, of which the first `columns` are stored (C's rows `n` apart).
  @inline(__always)
  private static func block(
    vectors: Int, _ w: UnsafePointer<Float>, rowLength: Int, k: Int, _ x: UnsafePointer<Float>,
    width: Int, into c: UnsafeMutablePointer<Float>, n: Int, columns: Int
  ) {
    var (a0, a1, a2, a3) = (Vector(), Vector(), Vector(), Vector())
    var (b0, b1, b2, b3) = (Vector(), Vector(), Vector(), Vector())
    var (d0, d1, d2, d3) = (Vector(), Vector(), Vector(), Vector())
    var row = w
    var xs = x
    for _ in 0..<k {
      let raw = UnsafeRawPointer(row)
      let x0 = Vector(repeating: xs[0])
      let x1 = Vector(repeating: xs[1])
      let x2 = Vector(repeating: xs[2])
      let x3 = Vector(repeating: xs[3])
      let wa = raw.loadUnaligned(as: Vector.self)
      a0 = FastMath.multiplyAdd(wa, x0, a0)
      a1 = FastMath.multiplyAdd(wa, x1, a1)
      a2 = FastMath.multiplyAdd(wa, x2, a2)
      a3 = FastMath.multiplyAdd(wa, x3, a3)
      if vectors == 3 {
        let wb = raw.loadUnaligned(fromByteOffset: 32, as: Vector.self)
        b0 = FastMath.multiplyAdd(wb, x0, b0)
        b1 = FastMath.multiplyAdd(wb, x1, b1)
        b2 = FastMath.multiplyAdd(wb, x2, b2)
        b3 = FastMath.multiplyAdd(wb, x3, b3)
        let wd = raw.loadUnaligned(fromByteOffset: 64, as: Vector.self)
        d0 = FastMath.multiplyAdd(wd, x0, d0)
        d1 = FastMath.multiplyAdd(wd, x1, d1)
        d2 = FastMath.multiplyAdd(wd, x2, d2)
        d3 = FastMath.multiplyAdd(wd, x3, d3)
      }
      row += rowLength
      xs += width
    }
    // The accumulators hold C's columns: scatter them into C's rows.
    store((a0, a1, a2, a3), into: c, n: n, columns: columns)
    if vectors == 3 {
      store((b0, b1, b2, b3), into: c + 8 * n, n: n, columns: columns)
      store((d0, d1, d2, d3), into: c + 16 * n, n: n, columns: columns)
    }
  }

  /// Writes 8 rows × `columns` of C from the accumulators of the block's columns.
  @inline(__always)
  private static func store(
    _ accumulators: (Vector, Vector, Vector, Vector), into c: UnsafeMutablePointer<Float>,
    n: Int, columns: Int
  ) {
    for lane in 0..<8 {
      let row = c + lane * n
      row[0] = accumulators.0[lane]
      if columns > 1 { row[1] = accumulators.1[lane] }
      if columns > 2 { row[2] = accumulators.2[lane] }
      if columns > 3 { row[3] = accumulators.3[lane] }
    }
  }
}
