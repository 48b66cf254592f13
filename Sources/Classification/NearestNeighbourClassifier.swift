internal import NeuralCore

/// k-nearest-neighbour classification by cosine similarity: each vector is centred on the mean
/// of the reference vectors and scaled to unit length, and a query takes the majority label of
/// its `k` most similar references (a tie goes to the label with the larger summed similarity).
package struct NearestNeighbourClassifier: Sendable {
  /// Neighbours that vote.
  package let neighbours: Int
  /// Labels of the references, `[N]`.
  package let labels: [Int]
  /// Mean of the reference rows, `[D]`, subtracted from every vector.
  private let centre: [Float]
  /// Centred, unit-length references, `[N, D]`.
  private let references: [Float]
  private let dimensions: Int

  /// Stores `features` (`[N, D]`, N ≥ 1) with their `labels` (`[N]`); `neighbours` ≥ 1.
  package init(features: FeatureMatrix, labels: [Int], neighbours: Int = 1) {
    precondition(features.rows == labels.count && features.rows > 0, "one label per row")
    precondition(neighbours >= 1, "at least one neighbour votes")
    self.neighbours = neighbours
    self.labels = labels
    dimensions = features.columns
    centre = features.meanRow
    references = Self.normalized(features.values, columns: features.columns, centre: centre)
  }

  /// The predicted label of each row of `queries` (`[M, D]`), `[M]`.
  package func predict(_ queries: FeatureMatrix) -> [Int] {
    let similarities = similarities(of: queries)
    let n = labels.count
    return (0..<queries.rows).map { q in
      vote(similarities[(q * n)..<((q + 1) * n)], excluding: nil)
    }
  }

  /// The predicted label of one vector (`[D]`), leaving reference `excluded` out of the vote
  /// (leave-one-out for a vector that is itself a reference); nil when no reference is left.
  package func predict(_ query: [Float], excluding excluded: Int? = nil) -> Int? {
    precondition(
      query.count == dimensions, "the query has \(query.count) values, not \(dimensions)")
    guard labels.count > (excluded == nil ? 0 : 1) else { return nil }
    return vote(
      similarities(of: FeatureMatrix(values: query, columns: dimensions))[...], excluding: excluded)
  }

  /// The reference most similar to `query` (`[D]`) and its cosine similarity, leaving
  /// reference `excluded` out; nil when no reference is left.
  package func nearest(to query: [Float], excluding excluded: Int? = nil) -> (
    reference: Int, similarity: Float
  )? {
    precondition(
      query.count == dimensions, "the query has \(query.count) values, not \(dimensions)")
    let row = similarities(of: FeatureMatrix(values: query, columns: dimensions))
    var best: (reference: Int, similarity: Float)?
    for (reference, similarity) in row.enumerated() where reference != excluded {
      if best.map({ similarity > $0.similarity }) ?? true { best = (reference, similarity) }
    }
    return best
  }

  /// Cosine similarities of each query to each reference, `[M, N]`.
  package func similarities(of queries: FeatureMatrix) -> [Float] {
    precondition(
      queries.columns == dimensions, "queries have \(queries.columns) columns, not \(dimensions)")
    let m = queries.rows
    let n = labels.count
    var result = [Float](repeating: 0, count: m * n)
    guard m > 0 else { return result }
    let normalizedQueries = Self.normalized(queries.values, columns: dimensions, centre: centre)
    BLAS.gemm(
      transposeB: true, m: m, n: n, k: dimensions, normalizedQueries, references, &result)
    return result
  }

  /// The majority label among the `neighbours` most similar references.
  private func vote(_ row: ArraySlice<Float>, excluding excluded: Int?) -> Int {
    let start = row.startIndex
    var candidates = Array(0..<labels.count)
    if let excluded { candidates.removeAll { $0 == excluded } }
    let nearest = candidates.sorted { row[start + $0] > row[start + $1] }.prefix(neighbours)
    var votes = [Int: (count: Int, similarity: Float)]()
    for reference in nearest {
      let previous = votes[labels[reference]] ?? (0, 0)
      votes[labels[reference]] = (previous.count + 1, previous.similarity + row[start + reference])
    }
    let best = votes.max { a, b in
      a.value.count != b.value.count
        ? a.value.count < b.value.count
        : (a.value.similarity != b.value.similarity
          ? a.value.similarity < b.value.similarity : a.key > b.key)
    }
    return best?.key ?? labels[0]
  }

  /// Rows minus `centre`, each scaled to unit length (a zero row stays zero).
  private static func normalized(_ values: [Float], columns: Int, centre: [Float]) -> [Float] {
    var result = values
    for start in stride(from: 0, to: values.count, by: columns) {
      var squares: Float = 0
      for c in 0..<columns {
        let centred = values[start + c] - centre[c]
        result[start + c] = centred
        squares += centred * centred
      }
      let scale = squares > 0 ? 1 / squares.squareRoot() : 0
      for c in 0..<columns { result[start + c] *= scale }
    }
    return result
  }
}
