/// Signed distances to simple shapes (negative inside), and the anti-aliased coverage they give.
/// Points and sizes are in face units (the image's shorter side spans 2).
enum SignedDistance {
  typealias Point = SIMD2<Float>

  /// Distance to the ellipse at `centre` with radii `radii` (a close approximation).
  @inline(__always)
  static func ellipse(_ point: Point, centre: Point, radii: Point) -> Float {
    let q = point - centre
    let k0 = ((q / radii) * (q / radii)).sum().squareRoot()
    let k1 = ((q / (radii * radii)) * (q / (radii * radii))).sum().squareRoot()
    if k1 < 1e-6 { return -min(radii.x, radii.y) }
    return k0 * (k0 - 1) / k1
  }

  /// Distance to the circle at `centre` with `radius`.
  @inline(__always)
  static func circle(_ point: Point, centre: Point, radius: Float) -> Float {
    length(point - centre) - radius
  }

  /// Distance to the box at `centre` with half sizes `half`, corners rounded by `rounding`.
  @inline(__always)
  static func box(_ point: Point, centre: Point, half: Point, rounding: Float = 0) -> Float {
    let q = point - centre
    let d = Point(abs(q.x), abs(q.y)) - (half - Point(repeating: rounding))
    let outside = length(pointwiseMax(d, .zero))
    return outside + min(max(d.x, d.y), 0) - rounding
  }

  /// Distance to the stroke of `thickness` (half width) along the segment from `a` to `b`.
  @inline(__always)
  static func segment(_ point: Point, from a: Point, to b: Point, thickness: Float) -> Float {
    let pa = point - a
    let ba = b - a
    let h = min(max((pa * ba).sum() / (ba * ba).sum(), 0), 1)
    return length(pa - ba * h) - thickness
  }

  /// Fraction of a pixel of size `pixel` that a shape at distance `distance` covers.
  @inline(__always)
  static func coverage(_ distance: Float, pixel: Float) -> Float {
    min(max(0.5 - distance / pixel, 0), 1)
  }

  @inline(__always)
  static func length(_ vector: Point) -> Float { (vector * vector).sum().squareRoot() }
}
