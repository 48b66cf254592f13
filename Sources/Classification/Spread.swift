/// Mean and spread of repeated measurements (accuracies over seeds): mean, sample standard
/// deviation, smallest and largest.
package struct Spread: Hashable, Sendable {
  /// The measurements, in the order taken.
  package let values: [Double]

  package init(_ values: [Double]) { self.values = values }

  /// The arithmetic mean (0 without values).
  package var mean: Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

  /// The sample standard deviation (n − 1 in the denominator; 0 with fewer than two values).
  package var standardDeviation: Double {
    guard values.count > 1 else { return 0 }
    let m = mean
    return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
  }

  /// The standard error of the mean, `sd / √n` (0 with fewer than two values).
  package var standardError: Double {
    values.count > 1 ? standardDeviation / Double(values.count).squareRoot() : 0
  }

  /// The smallest value (0 without values).
  package var minimum: Double { values.min() ?? 0 }
  /// The largest value (0 without values).
  package var maximum: Double { values.max() ?? 0 }
}
