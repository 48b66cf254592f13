internal import CKernels

/// Matrix products `C = A·B` whose left factor is used many times and stored once as
/// 4-row panels, for decoding one face: OpenBLAS packs its operands on every call, and
/// for a one-image transposed convolution that packing of the weight took 15% of the
/// decode.
///
/// Panel `p` of an `[m, k]` matrix A holds rows `4p ..< 4p + 4` column by column
/// (`[⌈m/4⌉][k][4]` values; the last panel's missing rows are zeros), so the product
/// reads it in order; the kernel (CKernels' `latent_panel_multiply`) runs at the process's
/// ``KernelLevel``.
package enum PanelProduct {
  /// Rows per panel.
  package static let panelRows = 4
  /// Columns of B and C that one pass of the inner loop covers; `n` must be a multiple.
  package static let blockColumns = 16

  /// Whether ``multiply(_:panels:k:packedColumns:n:into:level:)`` takes products with `n` columns.
  package static func accepts(columns n: Int) -> Bool { n > 0 && n % blockColumns == 0 }

  /// Panels that hold `m` rows: `⌈m/4⌉`.
  package static func panels(rows m: Int) -> Int { (m + panelRows - 1) / panelRows }

  /// Packs A = Wᵀ, where W is row-major `[k, m]`, into panels (``panels(rows:)``·4·k
  /// values): panel p is W's columns 4p ..< 4p + 4, the last padded with zeros.
  package static func packTransposed(
    _ w: UnsafePointer<Float>, k: Int, m: Int, into panels: UnsafeMutablePointer<Float>
  ) {
    packStrips(w, rows: k, columns: m, width: panelRows, into: panels)
    let whole = m / panelRows
    let rest = m - whole * panelRows
    guard rest > 0 else { return }
    let last = panels + whole * k * panelRows
    for i in 0..<k {
      for r in 0..<panelRows {
        last[i * panelRows + r] = r < rest ? w[i * m + whole * panelRows + r] : 0
      }
    }
  }

  /// Packs B, row-major `[k, n]`, into 16-column blocks (`[n/16][k][16]`, `k·n` values),
  /// so that a block's rows lie side by side (rows of B a power of two apart would
  /// compete for the same few L1 sets).
  package static func packColumns(
    _ b: UnsafePointer<Float>, k: Int, n: Int, into blocks: UnsafeMutablePointer<Float>
  ) {
    precondition(accepts(columns: n), "PanelProduct takes a multiple of 16 columns")
    packStrips(b, rows: k, columns: n, width: blockColumns, into: blocks)
  }

  /// Copies a row-major `[rows, columns]` matrix strip by strip of `width` columns:
  /// `[columns/width][rows][width]` (the columns past the last whole strip are left out).
  private static func packStrips(
    _ source: UnsafePointer<Float>, rows: Int, columns: Int, width: Int,
    into target: UnsafeMutablePointer<Float>
  ) {
    for strip in 0..<(columns / width) {
      let start = target + strip * rows * width
      for i in 0..<rows {
        (start + i * width).update(from: source + i * columns + strip * width, count: width)
      }
    }
  }

  /// `C = A·B` for the rows of A in panels `panels` (C's row 0 is the first of them) and
  /// B `[k, n]` packed by ``packColumns(_:k:n:into:)``; C is row-major `[4·panels.count, n]`.
  ///
  /// Column strip by strip (16 columns of B, at most 16 KiB, stay in L1), every panel of A
  /// in turn, in CKernels at `level`: 4 × 16 blocks of C in eight 8-lane accumulators with
  /// AVX2, 8 × 32 blocks in sixteen 16-lane ones with AVX-512.
  package static func multiply(
    _ a: UnsafePointer<Float>, panels: Range<Int>, k: Int, packedColumns b: UnsafePointer<Float>,
    n: Int, into c: UnsafeMutablePointer<Float>, level: KernelLevel = .current
  ) {
    precondition(accepts(columns: n), "PanelProduct takes a multiple of 16 columns")
    latent_panel_multiply(level.c, a, panels.lowerBound, panels.upperBound, k, b, n, c)
  }
}
