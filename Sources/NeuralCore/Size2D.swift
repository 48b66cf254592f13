/// A 2-D extent in pixels, rows first: a kernel, stride, padding, output padding or
/// scale factor (PyTorch's `(h, w)` pairs; an int argument there is a square ``init(_:)``).
package struct Size2D: Hashable, Sendable {
  /// Rows.
  package var height: Int
  /// Columns.
  package var width: Int

  /// `height` rows by `width` columns.
  package init(height: Int, width: Int) {
    self.height = height
    self.width = width
  }

  /// A square extent: `side` rows by `side` columns.
  package init(_ side: Int) { self.init(height: side, width: side) }
}
