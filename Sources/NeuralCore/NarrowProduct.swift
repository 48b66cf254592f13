/// Matrix products `C = A·X` with few columns, A = Wᵀ kept in 24-row panels, for a
/// one-image transposed convolution whose input has few pixels or not a multiple of 16
/// (the first layer of a decoder on 2×2 or 3×3 pixels): OpenBLAS would pack the whole
/// weight on every call, and ``PanelProduct`` takes only multiples of 16 columns.
///
/// W is row-major `[k, m]` (a ConvTranspose2d weight `[Cin, Cout·kh·kw]`); panel `p`
/// holds A's rows (W's columns) `24p ..< 24p + 24` row of W by row of W (`[k][24]`, the
/// last panel padded with zeros), so the product reads it as one stream (W's columns
/// read in place were 512 strided streams, and the first layer's 4.7 MB weight comes from
/// beyond L2). X is `[k, n]` with its columns padded to a multiple of 4
/// (``padColumns(_:k:n:into:)``), C is row-major. The inner loop keeps a 24-row ×
/// 4-column block of C in twelve 8-lane accumulators: per step of k, three loads of the
/// panel and four broadcasts of X.
package enum NarrowProduct {
  typealias Vector = FastMath.Vector

  /// Rows per panel.
  package static let panelRows = 24
  /// Columns of X that one pass of the inner loop covers.
  package static let blockColumns = 4

  /// Panels that hold `m` rows: `⌈m/24⌉`.
  package static func panels(rows m: Int) -> Int { (m + panelRows - 1) / panelRows }

  /// Packs A = Wᵀ, where W is row-major `[k, m]`, into panels (``panels(rows:)``·24·k values).
  package static func packTransposed(
    _ w: UnsafePointer<Float>, k: Int, m: Int, into panels: UnsafeMutablePointer<Float>
  ) {
    for panel in 0..<self.panels(rows: m) {
      let first = panel * panelRows
      let count = min(panelRows, m - first)
      let start = panels + panel * k * panelRows
      for i in 0..<k {
        (start + i * panelRows).update(from: w + i * m + first, count: count)
        (start + i * panelRows + count).update(repeating: 0, count: panelRows - count)
      }
    }
  }

  /// Columns of X as ``multiply(_:panels:k:paddedColumns:n:into:)`` takes it: `n`
  /// rounded up to a multiple of 4.
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

  /// `C = A·X` for the rows of A in panels `panels` (C's row 0 is the first of them);
  /// X `[k, paddedColumns(n)]` from ``padColumns(_:k:n:into:)``; C row-major
  /// `[24·panels.count, n]`.
  package static func multiply(
    _ a: UnsafePointer<Float>, panels: Range<Int>, k: Int, paddedColumns x: UnsafePointer<Float>,
    n: Int, into c: UnsafeMutablePointer<Float>
  ) {
    let width = paddedColumns(n)
    for panel in panels {
      let rows = c + (panel - panels.lowerBound) * panelRows * n
      for j in stride(from: 0, to: n, by: blockColumns) {
        block(
          a + panel * k * panelRows, k: k, x + j, width: width, into: rows + j, n: n,
          columns: min(blockColumns, n - j))
      }
    }
  }

  /// One block of C: a panel's 24 rows × 4 columns, of which the first `columns` are
  /// stored (C's rows `n` apart).
  @inline(__always)
  private static func block(
    _ panel: UnsafePointer<Float>, k: Int, _ x: UnsafePointer<Float>, width: Int,
    into c: UnsafeMutablePointer<Float>, n: Int, columns: Int
  ) {
    var (a0, a1, a2, a3) = (Vector(), Vector(), Vector(), Vector())
    var (b0, b1, b2, b3) = (Vector(), Vector(), Vector(), Vector())
    var (d0, d1, d2, d3) = (Vector(), Vector(), Vector(), Vector())
    var row = panel
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
      row += panelRows
      xs += width
    }
    // The accumulators hold C's columns: scatter them into C's rows.
    store((a0, a1, a2, a3), into: c, n: n, columns: columns)
    store((b0, b1, b2, b3), into: c + 8 * n, n: n, columns: columns)
    store((d0, d1, d2, d3), into: c + 16 * n, n: n, columns: columns)
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
