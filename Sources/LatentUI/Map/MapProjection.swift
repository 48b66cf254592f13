import FaceVAE

/// The plane of two map axes: where codes land on it, and the code a point of it stands for.
package struct MapProjection: Hashable, Sendable {
  package var x: MapAxis
  package var y: MapAxis

  package init(x: MapAxis, y: MapAxis) {
    self.x = x
    self.y = y
  }

  /// Where `code` (`[D]`) lands: its values along the two axes, σ.
  package func point(of code: [Float]) -> MapPoint {
    MapPoint(x: x.value(of: code), y: y.value(of: code))
  }

  /// Where each row of `codes` (`[N, D]`) lands, in row order.
  package func points(of codes: LatentCodes) -> [MapPoint] {
    (0..<codes.count).map {
      MapPoint(x: x.value(of: codes, row: $0), y: y.value(of: codes, row: $0))
    }
  }

  /// `code` with its values along the two axes set to `point`, moved the least (the change is
  /// a combination of the two axes' weight vectors, so every direction orthogonal to both keeps
  /// its value). Two parallel axes (the same direction twice) set `point.x` only.
  package func code(moving code: [Float], to point: MapPoint) -> [Float] {
    let dx = Double(point.x - x.value(of: code))
    let dy = Double(point.y - y.value(of: code))
    let a = dot(x.weights, x.weights)
    let b = dot(x.weights, y.weights)
    let c = dot(y.weights, y.weights)
    let determinant = a * c - b * b
    var alpha = 0.0
    var beta = 0.0
    if determinant > 1e-9 * max(a * c, 1e-30) {
      // Solve [a b; b c]·[α β] = [dx dy] for the change α·wx + β·wy.
      alpha = (c * dx - b * dy) / determinant
      beta = (a * dy - b * dx) / determinant
    } else if a > 0 {
      alpha = dx / a
    }
    var moved = code
    for i in moved.indices where i < x.weights.count && i < y.weights.count {
      moved[i] += Float(alpha * Double(x.weights[i]) + beta * Double(y.weights[i]))
    }
    return moved
  }

  private func dot(_ u: [Float], _ v: [Float]) -> Double {
    var sum = 0.0
    for i in 0..<min(u.count, v.count) { sum += Double(u[i]) * Double(v[i]) }
    return sum
  }
}
