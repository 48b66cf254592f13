/// A 2-D extent in rows and columns: a kernel, stride, padding, output padding or scale factor.
package struct Size2D: Hashable, Sendable {
  /// Rows.
  package var height: Int
  /// Columns.
  package var width: Int

  package init(height: Int, width: Int) {
    self.height = height
    self.width = width
  }

  /// A square extent.
  package init(_ side: Int) { self.init(height: side, width: side) }
}
