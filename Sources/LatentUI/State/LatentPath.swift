import Foundation

/// Ways to walk between two codes.
package enum LatentPath {
  /// (1 − t)·a + t·b.
  package static func lerp(_ a: [Float], _ b: [Float], t: Float) -> [Float] {
    zip(a, b).map { (1 - t) * $0 + t * $1 }
  }

  /// Spherical interpolation: along the great circle between a and b, with the length
  /// interpolated linearly (falls back to lerp when the two are nearly parallel or zero).
  package static func slerp(_ a: [Float], _ b: [Float], t: Float) -> [Float] {
    let lengthA = norm(a)
    let lengthB = norm(b)
    guard lengthA > 1e-6, lengthB > 1e-6 else { return lerp(a, b, t: t) }
    let cosine = max(-1, min(1, zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (lengthA * lengthB)))
    let angle = Float(acos(Double(cosine)))
    guard angle > 1e-4, Float(Double.pi) - angle > 1e-4 else { return lerp(a, b, t: t) }
    let sine = Float(sin(Double(angle)))
    let wa = Float(sin(Double((1 - t) * angle))) / sine
    let wb = Float(sin(Double(t * angle))) / sine
    return zip(a, b).map { wa * $0 + wb * $1 }
  }

  /// Euclidean length.
  package static func norm(_ v: [Float]) -> Float {
    v.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }
}
