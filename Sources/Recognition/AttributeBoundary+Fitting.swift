import Classification
import FaceVAE
import LatentBasics

extension AttributeBoundary {
  /// The share of each side's codes held out to measure a fitted boundary's accuracy.
  package static let heldOutFraction = 0.2

  /// Fits a boundary to `codes` (`[N, D]`) split by `membership` (true: positive, false:
  /// negative, nil: neither; one per code) with two-class logistic regression on standardised
  /// codes (``LogisticRegression``): a fifth of each side (at least one code, chosen with
  /// `seed`) is held out and the boundary fitted on the rest, whose held-out accuracy it
  /// reports. ``spread`` is the standard deviation of every code's signed distance.
  /// - Throws: a ``LatentError`` of kind `data` when a side has fewer than two codes, or the
  ///   fitted classifier does not depend on the codes.
  package static func fit(
    codes: LatentCodes, membership: [Bool?], seed: UInt64 = 0
  ) throws(LatentError) -> AttributeBoundary {
    guard codes.count == membership.count else {
      throw LatentError(.data, "\(codes.count) codes but \(membership.count) split entries")
    }
    var generator = SeededGenerator(seed: seed)
    var train: [Int] = []
    var test: [Int] = []
    for side in [true, false] {
      let rows = membership.indices.filter { membership[$0] == side }
      guard rows.count >= 2 else {
        throw LatentError(
          .data,
          "the \(side ? "positive" : "negative") side has \(rows.count) faces;"
            + " a boundary needs at least 2 on each side (one is held out)")
      }
      let shuffled = generator.shuffled(rows)
      let held = max(1, Int(Double(rows.count) * heldOutFraction))
      test += shuffled.prefix(held)
      train += shuffled.dropFirst(held)
    }
    let d = codes.dimensions
    func features(_ rows: [Int]) -> FeatureMatrix {
      FeatureMatrix(values: LatentCodes(codes, rows: rows).values, columns: d)
    }
    func labels(_ rows: [Int]) -> [Int] { rows.map { membership[$0] == true ? 1 : 0 } }
    let model = LogisticRegression.fit(features: features(train), labels: labels(train), classes: 2)
    // logit₁ − logit₀ = Σⱼ wⱼ·(zⱼ − meanⱼ)/sdⱼ + b, a plane in code space.
    var normal = [Double](repeating: 0, count: d)
    var offset = Double(model.bias[1] - model.bias[0])
    for j in 0..<d {
      let weight =
        Double(model.weights[d + j] - model.weights[j])
        * Double(model.scaling.inverseDeviation[j])
      normal[j] = weight
      offset -= weight * Double(model.scaling.mean[j])
    }
    let length = normal.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard length > 0, length.isFinite else {
      throw LatentError(.data, "the fitted boundary does not depend on the codes")
    }
    let unit = normal.map { Float($0 / length) }
    let correct = zip(model.predict(features(test)), labels(test)).filter { $0 == $1 }.count
    var boundary = AttributeBoundary(
      normal: unit, offset: Float(offset / length),
      accuracy: Float(correct) / Float(test.count), heldOutFaces: test.count, spread: 0)
    var sum = 0.0
    var squares = 0.0
    for code in codes {
      let distance = Double(boundary.signedDistance(of: code))
      sum += distance
      squares += distance * distance
    }
    let n = Double(codes.count)
    boundary.spread = Float(max(0, (squares - sum * sum / n) / max(1, n - 1)).squareRoot())
    return boundary
  }
}
