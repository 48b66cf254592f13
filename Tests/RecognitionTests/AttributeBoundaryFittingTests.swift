import FaceVAE
import LatentBasics
import Recognition
import Testing

@Suite("fitting an attribute boundary by logistic regression")
struct AttributeBoundaryFittingTests {
  @Test func aSeparableSplitGivesItsPlaneAndFullAccuracy() throws {
    // Codes on both sides of the plane x₀ + x₁ = 1 (normal (1, 1)/√2), with a margin; the
    // third coordinate is noise the boundary should ignore.
    var generator = SeededGenerator(seed: 5)
    var codes = LatentCodes(dimensions: 3)
    var membership: [Bool?] = []
    for k in 0..<120 {
      let side = k % 2 == 0
      let along = (side ? 1 : -1) * (0.5 + generator.nextUnit()) / Float(2).squareRoot()
      let across = generator.normal() * 2
      let base: [Float] = [0.5, 0.5, 0]
      codes.append([
        base[0] + along / Float(2).squareRoot() + across / Float(2).squareRoot(),
        base[1] + along / Float(2).squareRoot() - across / Float(2).squareRoot(),
        generator.normal(),
      ])
      membership.append(k % 10 == 9 ? nil : side)
    }
    let boundary = try AttributeBoundary.fit(codes: codes, membership: membership, seed: 1)
    #expect(boundary.accuracy == 1)
    #expect(boundary.heldOutFaces == 12 + 9)  // a fifth of 60 positives and of 48 negatives
    let half = Float(0.5).squareRoot()
    let expected: [Float] = [half, half, 0]
    let cosine = zip(boundary.normal, expected).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(cosine > 0.95, "\(boundary.normal)")
    // The plane passes near (0.5, 0.5, 0), and the spread is the sd of the signed distances.
    #expect(abs(boundary.signedDistance(of: [0.5, 0.5, 0])) < 0.2)
    let distances = codes.map { boundary.signedDistance(of: $0) }
    let mean = distances.reduce(0, +) / Float(distances.count)
    let sd = (distances.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(distances.count - 1))
      .squareRoot()
    #expect(abs(boundary.spread - sd) < 1e-3 * sd)
  }

  @Test func aSideWithFewerThanTwoFacesIsAnError() throws {
    let codes = try #require(LatentCodes(dimensions: 1, values: [0, 1, 2]))
    #expect(throws: LatentError.self) {
      try AttributeBoundary.fit(codes: codes, membership: [true, false, false])
    }
  }
}
