import Glibc

/// Paths between two latent codes: linear (lerp) and spherical (slerp) interpolation.
package enum LatentPath {
  /// Below this angle (radians) between two codes, slerp is computed as lerp: the two are
  /// nearly parallel and `sin θ` would divide by almost zero.
  package static let parallelAngle: Double = 1e-4

  /// `(1 − t)·a + t·b`; exactly `a` at t = 0 and `b` at t = 1.
  package static func lerp(_ a: [Float], _ b: [Float], t: Double) -> [Float] {
    precondition(a.count == b.count, "codes of different lengths")
    if t == 0 { return a }
    if t == 1 { return b }
    return zip(a, b).map { Float((1 - t) * Double($0) + t * Double($1)) }
  }

  /// Spherical interpolation: `sin((1−t)θ)/sin θ · a + sin(tθ)/sin θ · b`, where θ is the angle
  /// between `a` and `b`. Between codes of equal norm every point keeps that norm (the prior's
  /// mass sits on such a shell in many dimensions). Falls back to ``lerp(_:_:t:)`` when either
  /// code is zero or the two are nearly parallel (or opposite, where the arc is undefined).
  package static func slerp(_ a: [Float], _ b: [Float], t: Double) -> [Float] {
    precondition(a.count == b.count, "codes of different lengths")
    if t == 0 { return a }
    if t == 1 { return b }
    var dot = 0.0
    var normA = 0.0
    var normB = 0.0
    for (x, y) in zip(a, b) {
      dot += Double(x) * Double(y)
      normA += Double(x) * Double(x)
      normB += Double(y) * Double(y)
    }
    guard normA > 0, normB > 0 else { return lerp(a, b, t: t) }
    let cosine = min(1, max(-1, dot / (normA * normB).squareRoot()))
    let theta = acos(cosine)
    guard theta > parallelAngle, Double.pi - theta > parallelAngle else { return lerp(a, b, t: t) }
    let sine = sin(theta)
    let wa = sin((1 - t) * theta) / sine
    let wb = sin(t * theta) / sine
    return zip(a, b).map { Float(wa * Double($0) + wb * Double($1)) }
  }

  /// Euclidean length of a code.
  package static func norm(_ v: [Float]) -> Float {
    Float(v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
  }

  /// `frames` codes from `a` to `b` inclusive (t = k / (frames − 1)); one frame is `a`.
  package static func frames(
    from a: [Float], to b: [Float], count frames: Int, spherical: Bool
  ) -> LatentCodes {
    precondition(frames >= 1)
    var codes = LatentCodes(row: a)
    guard frames > 1 else { return codes }
    codes.reserveCapacity(frames)
    for k in 1..<frames {
      let t = Double(k) / Double(frames - 1)
      codes.append(spherical ? slerp(a, b, t: t) : lerp(a, b, t: t))
    }
    return codes
  }
}
