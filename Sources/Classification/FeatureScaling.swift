/// Per-column standardisation: `(x − mean) / sd`, with both taken from the training rows
/// (a column with sd below `1e-6` is only centred), so every feature enters a linear model on
/// the same scale.
package struct FeatureScaling: Hashable, Sendable {
  /// Column means, `[D]`.
  package let mean: [Float]
  /// One over each column's standard deviation (1 for constant columns), `[D]`.
  package let inverseDeviation: [Float]

  /// The scaling of `features` (`[N, D]`).
  package init(fitting features: FeatureMatrix) {
    let d = features.columns
    mean = features.meanRow
    var squares = [Double](repeating: 0, count: d)
    for r in 0..<features.rows {
      let base = r * d
      for c in 0..<d {
        let centred = Double(features.values[base + c] - mean[c])
        squares[c] += centred * centred
      }
    }
    let n = Double(max(features.rows, 1))
    inverseDeviation = squares.map { sum in
      let deviation = (sum / n).squareRoot()
      return deviation > 1e-6 ? Float(1 / deviation) : 1
    }
  }

  /// `features` (`[N, D]`) standardised column by column.
  package func apply(_ features: FeatureMatrix) -> FeatureMatrix {
    precondition(features.columns == mean.count, "scaling fitted on \(mean.count) columns")
    var values = features.values
    let d = features.columns
    for start in stride(from: 0, to: values.count, by: d) {
      for c in 0..<d { values[start + c] = (values[start + c] - mean[c]) * inverseDeviation[c] }
    }
    return FeatureMatrix(values: values, columns: d)
  }
}
