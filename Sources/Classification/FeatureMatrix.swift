/// Feature vectors to classify, one per row: `[rows, columns]` Float32 values, row-major
/// (latent codes `[N, D]`, or images flattened to `[N, C·H·W]` pixel values in [0, 1]).
package struct FeatureMatrix: Hashable, Sendable {
  /// The values, `rows × columns`, row after row.
  package var values: [Float]
  /// Values per row (the feature dimension).
  package let columns: Int

  /// A matrix over `values`, whose count must be a multiple of `columns` (> 0).
  package init(values: [Float], columns: Int) {
    precondition(columns > 0 && values.count % columns == 0, "values do not fill whole rows")
    self.values = values
    self.columns = columns
  }

  /// Number of rows (vectors).
  package var rows: Int { values.count / columns }

  /// Row `index`, `[columns]`.
  package func row(_ index: Int) -> ArraySlice<Float> {
    values[(index * columns)..<((index + 1) * columns)]
  }

  /// The rows at `indices`, in that order.
  package func rows(_ indices: [Int]) -> FeatureMatrix {
    var selected = [Float]()
    selected.reserveCapacity(indices.count * columns)
    for index in indices { selected += row(index) }
    return FeatureMatrix(values: selected, columns: columns)
  }

  /// This matrix with the rows of `other` (same columns) below it.
  package func appending(_ other: FeatureMatrix) -> FeatureMatrix {
    precondition(other.columns == columns, "stacked matrices need the same columns")
    return FeatureMatrix(values: values + other.values, columns: columns)
  }

  /// The mean row, `[columns]` (zeros for an empty matrix).
  package var meanRow: [Float] {
    var sums = [Double](repeating: 0, count: columns)
    for r in 0..<rows {
      let base = r * columns
      for c in 0..<columns { sums[c] += Double(values[base + c]) }
    }
    let n = Double(max(rows, 1))
    return sums.map { Float($0 / n) }
  }
}
