import Foundation
import Classification
import LatentBasics
import NeuralCore

/// Points around `classes` random centres in `dimensions` dimensions (Gaussian noise of σ
/// `noise`), `perClass` each, from a small seeded generator so the tests are reproducible.
struct ClusterData {
  var features: FeatureMatrix
  var labels: [Int]

  init(
    classes: Int, perClass: Int, dimensions: Int, noise: Float, seed: UInt64,
    centres: [Float]? = nil
  ) {
    var random = SeededGenerator(seed: seed)
    let centres = centres ?? (0..<(classes * dimensions)).map { _ in random.normal() * 3 }
    var values = [Float]()
    var labels = [Int]()
    for c in 0..<classes {
      for _ in 0..<perClass {
        for j in 0..<dimensions {
          values.append(centres[c * dimensions + j] + noise * random.normal())
        }
        labels.append(c)
      }
    }
    self.features = FeatureMatrix(values: values, columns: dimensions)
    self.labels = labels
  }

  /// Train and test points around the same `classes` centres (drawn from `seed`).
  static func trainAndTest(classes: Int, perClass: Int, dimensions: Int, seed: UInt64)
    -> (train: ClusterData, test: ClusterData)
  {
    var random = SeededGenerator(seed: seed)
    let centres = (0..<(classes * dimensions)).map { _ in random.normal() * 3 }
    return (
      ClusterData(
        classes: classes, perClass: perClass, dimensions: dimensions, noise: 1, seed: 1,
        centres: centres),
      ClusterData(
        classes: classes, perClass: perClass, dimensions: dimensions, noise: 1, seed: 2,
        centres: centres)
    )
  }
}
