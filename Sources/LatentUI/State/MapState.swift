import FaceVAE

/// Map mode: the stored codes on the plane of two axes, a cursor, and how the dots are coloured.
package struct MapState: Hashable, Sendable {
  /// How the dots of a cell are coloured.
  package enum Colouring: Hashable, Sendable {
    /// By the label most of the cell's codes have (a palette of six; unlabelled dim).
    case label
    /// By the mean signed distance of the cell's codes from attribute `name`'s boundary
    /// (diverging: blue below, red above, dim near it).
    case attribute(String)
    /// By how many codes the cell holds (dim: 1, normal: 2–4, bold: 5 or more).
    case density
  }

  /// The axes to choose from (``ModelSummary/mapAxes``).
  package var axes: [MapAxis] = []
  /// Indices into ``axes`` of the x and y axis.
  package var xAxis = 0
  package var yAxis = 1
  /// The cursor, σ along the two axes.
  package var cursor = MapPoint(x: 0, y: 0)
  package var colouring = Colouring.label
  /// Where each stored code lands on the plane of the axes chosen (computed when the axes
  /// change, not per frame).
  package var points: [MapPoint] = []
  /// Each stored code's signed distance from the colouring attribute's boundary, σ (empty
  /// unless the dots are coloured by an attribute).
  package var shades: [Float] = []
  /// The middle of the plot: the stored codes' mean on the axes, to the nearest 0.5σ (the
  /// origin without stored codes). PCA and SeFa values are not centred on the data.
  package var centre = MapPoint(x: 0, y: 0)

  package init() {}

  /// The plane of the chosen axes, when there are two.
  package var projection: MapProjection? {
    guard axes.indices.contains(xAxis), axes.indices.contains(yAxis) else { return nil }
    return MapProjection(x: axes[xAxis], y: axes[yAxis])
  }

  /// The stored code nearest `point` on the plane (its index), among those `accepting`.
  package func nearestStoredFace(
    to point: MapPoint, where accepting: (MapPoint) -> Bool = { _ in true }
  ) -> Int? {
    var best: Int?
    var bestDistance = Float.infinity
    for (index, stored) in points.enumerated() where accepting(stored) {
      let dx = stored.x - point.x
      let dy = stored.y - point.y
      let distance = dx * dx + dy * dy
      if distance < bestDistance {
        bestDistance = distance
        best = index
      }
    }
    return best
  }
}
