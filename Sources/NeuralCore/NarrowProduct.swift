internal import CKernels

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
/// (``padColumns(_:k:n:into:)``), C is row-major. The kernel (CKernels'
/// `latent_narrow_multiply`, at the process's ``KernelLevel``) keeps a 24-row × 4-column
/// block of C in twelve 8-lane accumulators: per step of k, three loads of the panel and
/// four broadcasts of X.
package enum NarrowProduct {
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

  /// Columns of X as ``multiply(_:panels:k:paddedColumns:n:into:level:)`` takes it: `n`
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
  /// `[24·panels.count, n]`. In CKernels at `level`.
  package static func multiply(
    _ a: UnsafePointer<Float>, panels: Range<Int>, k: Int, paddedColumns x: UnsafePointer<Float>,
    n: Int, into c: UnsafeMutablePointer<Float>, level: KernelLevel = .current
  ) {
    latent_narrow_multiply(level.c, a, panels.lowerBound, panels.upperBound, k, x, n, c)
  }
}
