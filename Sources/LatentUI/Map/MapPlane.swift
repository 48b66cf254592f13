/// The map's plot on the screen: a rectangle of cells showing `xRange` and `yRange` (σ), x to
/// the right and y up, at braille resolution (2 dots across and 4 down a cell).
package struct MapPlane: Hashable, Sendable {
  /// The cells the plot covers.
  package var rect: CellRect
  /// The values shown along each axis, σ.
  package var xRange: ClosedRange<Float>
  package var yRange: ClosedRange<Float>

  package init(
    rect: CellRect, xRange: ClosedRange<Float> = Slider.range,
    yRange: ClosedRange<Float> = Slider.range
  ) {
    self.rect = rect
    self.xRange = xRange
    self.yRange = yRange
  }

  /// Half the width of the ranges around their centres, σ.
  package static let halfSpan: Float = 3

  /// The plane over the same cells showing ±``halfSpan`` around `centre`.
  package func centred(on centre: MapPoint) -> MapPlane {
    MapPlane(
      rect: rect, xRange: (centre.x - Self.halfSpan)...(centre.x + Self.halfSpan),
      yRange: (centre.y - Self.halfSpan)...(centre.y + Self.halfSpan))
  }

  /// Dots across and down.
  package var dotsAcross: Int { 2 * rect.columns }
  package var dotsDown: Int { 4 * rect.rows }

  /// The dot (from the plot's top left) where `point` lands; nil outside the range.
  package func dot(for point: MapPoint) -> (x: Int, y: Int)? {
    guard xRange.contains(point.x), yRange.contains(point.y), !rect.isEmpty else { return nil }
    let x = Int(((point.x - xRange.lowerBound) / xSpan * Float(dotsAcross)).rounded(.down))
    let y = Int(((yRange.upperBound - point.y) / ySpan * Float(dotsDown)).rounded(.down))
    return (min(x, dotsAcross - 1), min(y, dotsDown - 1))
  }

  /// The screen cell where `point` lands; nil outside the range.
  package func cell(for point: MapPoint) -> (column: Int, row: Int)? {
    guard let dot = dot(for: point) else { return nil }
    return (rect.column + dot.x / 2, rect.row + dot.y / 4)
  }

  /// The point at the centre of the screen cell `column`, `row`.
  package func point(atColumn column: Int, row: Int) -> MapPoint {
    let x = xRange.lowerBound + (Float(column - rect.column) + 0.5) / Float(rect.columns) * xSpan
    let y = yRange.upperBound - (Float(row - rect.row) + 0.5) / Float(rect.rows) * ySpan
    return clamped(MapPoint(x: x, y: y))
  }

  /// σ across one cell, horizontally and vertically.
  package var cellStep: (x: Float, y: Float) {
    (xSpan / Float(max(1, rect.columns)), ySpan / Float(max(1, rect.rows)))
  }

  private var xSpan: Float { xRange.upperBound - xRange.lowerBound }
  private var ySpan: Float { yRange.upperBound - yRange.lowerBound }

  /// `point` moved into the range.
  package func clamped(_ point: MapPoint) -> MapPoint {
    MapPoint(
      x: min(max(point.x, xRange.lowerBound), xRange.upperBound),
      y: min(max(point.y, yRange.lowerBound), yRange.upperBound))
  }
}
