/// Latent codes of several faces: an `[N, D]` matrix whose rows are faces and whose
/// columns are the latent dimensions, stored row-major in one `[Float]`.
///
/// The one type in which codes travel: a model's stored faces, prior samples, the frames
/// of an interpolation, what the explorer asks the decoder for. A collection of its rows
/// (each `[D]`), so `codes[k]`, `codes.first` and `for code in codes` read faces.
package struct LatentCodes: Hashable, Sendable, RandomAccessCollection, MutableCollection {
  /// Values per code, `D`.
  package let dimensions: Int
  /// All codes, row after row (`count × dimensions` values).
  package private(set) var values: [Float]

  /// `count` codes of zeros, `dimensions` values each.
  package init(dimensions: Int, count: Int = 0) {
    precondition(dimensions >= 0 && count >= 0, "negative size")
    self.dimensions = dimensions
    values = [Float](repeating: 0, count: dimensions * count)
  }

  /// Codes of `dimensions` values laid out row after row in `values`; nil when `values`
  /// does not hold a whole number of codes (or `dimensions` is not positive).
  package init?(dimensions: Int, values: [Float]) {
    guard dimensions > 0, values.count % dimensions == 0 else { return nil }
    self.dimensions = dimensions
    self.values = values
  }

  /// Codes of `dimensions` values laid out row after row in `values`, which must hold a
  /// whole number of them (the model's own results).
  init(_ values: [Float], dimensions: Int) {
    precondition(dimensions > 0 && values.count % dimensions == 0, "not a whole number of codes")
    self.dimensions = dimensions
    self.values = values
  }

  /// One code.
  package init(row: [Float]) {
    dimensions = row.count
    values = row
  }

  /// The codes `rows`, each of `dimensions` values; nil when a row has another length.
  package init?(dimensions: Int, rows: [[Float]]) {
    guard rows.allSatisfy({ $0.count == dimensions }) else { return nil }
    self.dimensions = dimensions
    values = rows.flatMap { $0 }
  }

  package var startIndex: Int { 0 }
  /// The number of codes, `N`.
  package var endIndex: Int { dimensions > 0 ? values.count / dimensions : 0 }

  /// Code `row` (`[D]`); setting it takes a code of ``dimensions`` values.
  package subscript(row: Int) -> [Float] {
    get {
      precondition(row >= 0 && row < count, "code \(row) is outside 0..<\(count)")
      return Array(values[(row * dimensions)..<((row + 1) * dimensions)])
    }
    set {
      precondition(row >= 0 && row < count, "code \(row) is outside 0..<\(count)")
      precondition(
        newValue.count == dimensions, "a code of \(newValue.count) values, not \(dimensions)")
      values.replaceSubrange((row * dimensions)..<((row + 1) * dimensions), with: newValue)
    }
  }

  /// Value `column` of code `row`.
  package subscript(row: Int, column: Int) -> Float {
    get { values[row * dimensions + column] }
    set { values[row * dimensions + column] = newValue }
  }

  /// Codes `rows` of `codes`, in that order.
  package init(_ codes: LatentCodes, rows: some Sequence<Int>) {
    self.init(dimensions: codes.dimensions)
    for row in rows { append(codes[row]) }
  }

  /// Codes `range` as codes of their own.
  package func rows(_ range: Range<Int>) -> LatentCodes {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "codes outside 0..<\(count)")
    return LatentCodes(
      Array(values[(range.lowerBound * dimensions)..<(range.upperBound * dimensions)]),
      dimensions: dimensions)
  }

  /// Adds `code` (``dimensions`` values) after the last row.
  package mutating func append(_ code: [Float]) {
    precondition(code.count == dimensions, "a code of \(code.count) values, not \(dimensions)")
    values += code
  }

  /// Adds the rows of `codes` (of the same ``dimensions``) after the last row.
  package mutating func append(contentsOf codes: LatentCodes) {
    precondition(codes.dimensions == dimensions || codes.isEmpty, "codes of another length")
    values += codes.values
  }

  /// Makes room for `capacity` codes without changing the codes.
  package mutating func reserveCapacity(_ capacity: Int) {
    values.reserveCapacity(capacity * dimensions)
  }

  /// Sets the number of codes to `count` and every value to `next()`, in order; within the
  /// capacity already reserved it allocates nothing (a training step's noise).
  package mutating func refill(count: Int, _ next: () -> Float) {
    let total = count * dimensions
    if values.count > total { values.removeLast(values.count - total) }
    for i in values.indices { values[i] = next() }
    while values.count < total { values.append(next()) }
  }
}
