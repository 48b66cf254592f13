/// The map's plot on the screen: a rectangle of cells showing `range` σ on both axes, x to
/// the right and y up, at braille resolution (2 dots across and 4 down a cell).
package struct MapPlane: Hashable, Sendable {
  /// The cells the plot covers.
  package var rect: CellRect
  /// The values shown along each axis, σ.
  package var range: ClosedRange<Float>

  package init(rect: CellRect, range: ClosedRange<Float> = Slider.range) {
    self.rect = rect
    self.range = range
  }

  /// Dots across and down.
  package var dotsAcross: Int { 2 * rect.columns }
  package var dotsDown: Int { 4 * rect.rows }

  /// The dot (from the plot's top left) where `point` lands; nil outside the range.
  package func dot(for point: MapPoint) -> (x: Int, y: Int)? {
    guard range.contains(point.x), range.contains(point.y), !rect.isEmpty else { return nil }
    let span = range.upperBound - range.lowerBound
    let x = Int(((point.x - range.lowerBound) / span * Float(dotsAcross)).rounded(.down))
    let y = Int(((range.upperBound - point.y) / span * Float(dotsDown)).rounded(.down))
    return (min(x, dotsAcross - 1), min(y, dotsDown - 1))
  }

  /// The screen cell where `point` lands; nil outside the range.
  package func cell(for point: MapPoint) -> (column: Int, row: Int)? {
    guard let dot = dot(for: point) else { return nil }
    return (rect.column + dot.x / 2, rect.row + dot.y / 4)
  }

  /// The point at the centre of the screen cell `column`, `row`.
  package func point(atColumn column: Int, row: Int) -> MapPoint {
    let span = range.upperBound - range.lowerBound
    let x = range.lowerBound + (Float(column - rect.column) + 0.5) / Float(rect.columns) * span
    let y = range.upperBound - (Float(row - rect.row) + 0.5) / Float(rect.rows) * span
    return clamped(MapPoint(x: x, y: y))
  }

  /// σ across one cell, horizontally and vertically.
  package var cellStep: (x: Float, y: Float) {
    let span = range.upperBound - range.lowerBound
    return (span / Float(max(1, rect.columns)), span / Float(max(1, rect.rows)))
  }

  /// `point` moved into the range.
  package func clamped(_ point: MapPoint) -> MapPoint {
    MapPoint(
      x: min(max(point.x, range.lowerBound), range.upperBound),
      y: min(max(point.y, range.lowerBound), range.upperBound))
  }
}
