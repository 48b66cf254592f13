import FaceVAE
import Foundation
import Testing

@Suite("lerp and slerp between latent codes")
struct LatentPathTests {
  func norm(_ v: [Float]) -> Double { v.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot() }

  @Test func endpointsAreExact() {
    let a: [Float] = [0.1, -2.7, 3.3, 1e-7]
    let b: [Float] = [5, 0.25, -1.125, 9]
    for spherical in [false, true] {
      let path = LatentPath.frames(from: a, to: b, count: 7, spherical: spherical)
      #expect(path.count == 7)
      #expect(path.first == a)
      #expect(path.last == b)
    }
  }

  @Test func lerpMidpointsAreWorkedOut() {
    // (1 − t)·a + t·b by hand: t = 0.25 → 0.75·[2, −4] + 0.25·[6, 8] = [3, −1].
    #expect(LatentPath.lerp([2, -4], [6, 8], t: 0.25) == [3, -1])
    #expect(LatentPath.lerp([2, -4], [6, 8], t: 0.5) == [4, 2])
    let frames = LatentPath.frames(from: [0], to: [3], count: 4, spherical: false)
    #expect(frames == LatentCodes(dimensions: 1, values: [0, 1, 2, 3]))
  }

  @Test func slerpOfOrthogonalUnitVectorsFollowsTheCircle() {
    // θ = 90°; at t the point is (cos tθ, sin tθ): t = 1/2 → (√½, √½), t = 1/3 → (√3/2, 1/2).
    let half = LatentPath.slerp([1, 0], [0, 1], t: 0.5)
    #expect(abs(half[0] - 0.70710678) < 1e-6 && abs(half[1] - 0.70710678) < 1e-6)
    let third = LatentPath.slerp([1, 0], [0, 1], t: 1.0 / 3)
    #expect(abs(third[0] - 0.8660254) < 1e-6 && abs(third[1] - 0.5) < 1e-6)
    // Linear would be (0.5, 0.5), inside the circle.
    #expect(LatentPath.lerp([1, 0], [0, 1], t: 0.5) == [0.5, 0.5])
  }

  @Test func slerpKeepsTheNormBetweenEqualNormEnds() {
    let a: [Float] = [3, 4, 0, 0, 0]  // norm 5
    let b: [Float] = [0, 0, -5, 0, 0]  // norm 5, orthogonal
    let c: [Float] = [-3, 0, 0, 4, 0]  // norm 5, at an obtuse angle to a
    for end in [b, c] {
      for k in 1..<10 {
        let point = LatentPath.slerp(a, end, t: Double(k) / 10)
        #expect(abs(norm(point) - 5) < 1e-5, "t = \(k)/10: norm \(norm(point))")
        // Linear interpolation shrinks the norm in between.
        #expect(norm(LatentPath.lerp(a, end, t: Double(k) / 10)) < 5 - 1e-3)
      }
    }
  }

  @Test func slerpFallsBackToLerpForParallelOppositeOrZeroCodes() {
    let a: [Float] = [1, 2, 3]
    for b: [Float] in [[2, 4, 6], [1, 2, 3.0000001], [-1, -2, -3], [0, 0, 0]] {
      for t in [0.2, 0.5, 0.9] {
        let s = LatentPath.slerp(a, b, t: t)
        #expect(s.allSatisfy { $0.isFinite })
        #expect(s == LatentPath.lerp(a, b, t: t), "\(b) at \(t)")
      }
    }
  }
}
