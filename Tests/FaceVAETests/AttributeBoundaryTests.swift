import FaceVAE
import LatentBasics
import Testing

/// InterFaceGAN's edits on a boundary: "set to distance d" and "hold" other attributes.
@Suite("attribute boundaries: set to a distance, hold others")
struct AttributeBoundaryTests {
  func unit(_ v: [Float]) -> [Float] {
    let length = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return v.map { $0 / length }
  }

  func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

  let smile = AttributeBoundary(
    normal: [0.6, 0.8, 0, 0], offset: -0.5, accuracy: 0.9, heldOutFaces: 10, spread: 1.5)

  @Test func signedDistanceIsNormalDotCodePlusOffset() {
    // 0.6·1 + 0.8·2 − 0.5 = 1.7, by hand.
    #expect(abs(smile.signedDistance(of: [1, 2, 7, -3]) - 1.7) < 1e-6)
  }

  @Test(arguments: [-2, 0, 0.5, 3] as [Float])
  func settingPutsTheCodeAtThatManySpreads(distance: Float) throws {
    let code: [Float] = [1, -2, 0.3, 4]
    let edited = try smile.setting(code, distance: distance)
    #expect(abs(smile.signedDistance(of: edited) - distance * 1.5) < 1e-5)
    // Without holding, the move is along the normal only: what is orthogonal to it stays.
    let orthogonal: [Float] = [0.8, -0.6, 0, 0]
    #expect(abs(dot(edited, orthogonal) - dot(code, orthogonal)) < 1e-5)
    #expect(edited[2] == code[2] && edited[3] == code[3])
  }

  @Test func holdingLeavesTheHeldProjectionsUnchanged() throws {
    let code: [Float] = [0.2, -1, 0.7, 2]
    // Two held directions that overlap the edit's normal and each other.
    let gender = unit([0.5, 0.5, 0.5, 0.5])
    let age = unit([1, 0, -1, 0.3])
    let edited = try smile.setting(code, distance: 2, holding: [gender, age])
    #expect(abs(smile.signedDistance(of: edited) - 3) < 1e-5)
    #expect(abs(dot(edited, gender) - dot(code, gender)) < 1e-5)
    #expect(abs(dot(edited, age) - dot(code, age)) < 1e-5)
    // Without holding, the same edit would have changed them.
    let free = try smile.setting(code, distance: 2)
    #expect(abs(dot(free, gender) - dot(code, gender)) > 0.1)
  }

  @Test func holdingTheEditItselfIsAnError() {
    #expect(throws: LatentError.self) {
      try smile.setting([0, 0, 0, 0], distance: 1, holding: [[3, 4, 0, 0]])
    }
  }
}
