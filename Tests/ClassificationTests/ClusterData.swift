import Foundation
import Classification

/// Points around `classes` random centres in `dimensions` dimensions (Gaussian noise of σ
/// `noise`), `perClass` each, from a small seeded generator so the tests are reproducible.
struct ClusterData {
  var features: FeatureMatrix
  var labels: [Int]

  init(classes: Int, perClass: Int, dimensions: Int, noise: Float, seed: UInt64, centres: [Float]? = nil) {
    var random = TestRandom(seed: seed)
    let centres = centres ?? (0..<(classes * dimensions)).map { _ in random.normal() * 3 }
    var values = [Float]()
    var labels = [Int]()
    for c in 0..<classes {
      for _ in 0..<perClass {
        for j in 0..<dimensions { values.append(centres[c * dimensions + j] + noise * random.normal()) }
        labels.append(c)
      }
    }
    self.features = FeatureMatrix(values: values, columns: dimensions)
    self.labels = labels
  }
}

/// SplitMix64 with Box–Muller normals, independent of the code under test.
struct TestRandom {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func unit() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }

  mutating func normal() -> Float {
    Float((-2 * log(unit())).squareRoot() * cos(2 * Double.pi * unit()))
  }
}
