/// A point of the map's plane: values along its x and y axes, σ.
package struct MapPoint: Hashable, Sendable {
  package var x: Float
  package var y: Float

  package init(x: Float, y: Float) {
    self.x = x
    self.y = y
  }
}
