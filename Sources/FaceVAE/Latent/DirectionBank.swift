import LatentBasics

/// A bank of directions in latent space found by one method: the principal directions of
/// the stored codes (`pca`), the decoder's own (`sefa`), or a user's; stored in the model
/// file as `directions.NAME` (docs/model-format.md).
package struct DirectionBank: Hashable, Sendable {
  /// The directions, `[K, D]`: unit rows, the most important first.
  package var directions: LatentCodes
  /// The unit a slider or a traversal moves each direction by, `[K]`, in code units: the
  /// standard deviation of the stored codes along it (1, the prior's σ, without stored codes).
  package var scales: [Float]
  /// Each direction's eigenvalue, `[K]`, when the method has them: the codes' variance along
  /// it (PCA) or the eigenvalue of `A·Aᵀ` (SeFa).
  package var eigenvalues: [Float]?

  /// A bank of `directions` (unit rows) with one scale (and eigenvalue) per row.
  package init(directions: LatentCodes, scales: [Float], eigenvalues: [Float]? = nil) {
    precondition(scales.count == directions.count)
    precondition(eigenvalues == nil || eigenvalues?.count == directions.count)
    self.directions = directions
    self.scales = scales
    self.eigenvalues = eigenvalues
  }

  /// The number of directions, `K`.
  package var count: Int { directions.count }

  /// Direction `k` times its scale (one σ along it), `[D]`.
  package func step(_ k: Int) -> [Float] {
    directions[k].map { $0 * scales[k] }
  }

  /// A bank name: letters, digits, `_` and `-` (no dot, which separates a bank's tensors).
  package static func isValidName(_ name: String) -> Bool {
    !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
  }

  /// The `count` principal directions of `codes` (`[N, D]`, N ≥ 2): the eigenvectors of their
  /// covariance (divided by N − 1) by decreasing variance, each scaled by its standard deviation.
  /// - Throws: a ``LatentError`` of kind `unsupported` with fewer than two codes or D above
  ///   ``SymmetricEigen/maximumSize``.
  package static func principal(of codes: LatentCodes, count: Int) throws(LatentError)
    -> DirectionBank
  {
    let d = codes.dimensions
    guard codes.count >= 2 else {
      throw LatentError(
        .unsupported, "PCA needs at least 2 stored codes, and there are \(codes.count)")
    }
    try checkSize(d)
    var mean = [Double](repeating: 0, count: d)
    for row in 0..<codes.count { for j in 0..<d { mean[j] += Double(codes[row, j]) } }
    mean = mean.map { $0 / Double(codes.count) }
    var covariance = [Double](repeating: 0, count: d * d)
    var centred = [Double](repeating: 0, count: d)
    for row in 0..<codes.count {
      for j in 0..<d { centred[j] = Double(codes[row, j]) - mean[j] }
      for i in 0..<d { for j in i..<d { covariance[i * d + j] += centred[i] * centred[j] } }
    }
    let divisor = Double(codes.count - 1)
    for i in 0..<d {
      for j in i..<d {
        covariance[i * d + j] /= divisor
        covariance[j * d + i] = covariance[i * d + j]
      }
    }
    let eigen = SymmetricEigen(symmetric: covariance, size: d)
    let k = min(max(count, 1), d)
    let variances = eigen.values.prefix(k).map { Float(max($0, 0)) }
    return DirectionBank(
      directions: rows(of: eigen, count: k), scales: variances.map { $0.squareRoot() },
      eigenvalues: variances)
  }

  /// SeFa's closed-form directions (Shen & Zhou 2021) of a decoder whose first layer is
  /// `Linear(D, out)` with weight `weight` (`[out, D]`, PyTorch's layout): with `A = weightᵀ`
  /// (`[D, out]`) and each of its `out` columns scaled to unit length, the eigenvectors of
  /// `A·Aᵀ` by decreasing eigenvalue. Scales are the spread of `codes` along each direction
  /// (1 with fewer than two codes).
  package static func semanticFactorization(
    weight: [Float], latentDimensions d: Int, count: Int, codes: LatentCodes
  ) throws(LatentError) -> DirectionBank {
    precondition(d > 0 && weight.count % d == 0)
    try checkSize(d)
    let outputs = weight.count / d
    var product = [Double](repeating: 0, count: d * d)
    var column = [Double](repeating: 0, count: d)
    for o in 0..<outputs {
      var squaredLength = 0.0
      for i in 0..<d {
        column[i] = Double(weight[o * d + i])
        squaredLength += column[i] * column[i]
      }
      guard squaredLength > 0 else { continue }
      for i in 0..<d {
        let scaled = column[i] / squaredLength
        for j in i..<d { product[i * d + j] += scaled * column[j] }
      }
    }
    for i in 0..<d { for j in i..<d { product[j * d + i] = product[i * d + j] } }
    let eigen = SymmetricEigen(symmetric: product, size: d)
    let k = min(max(count, 1), d)
    let directions = rows(of: eigen, count: k)
    let scales = directions.map { spread(of: codes, along: $0) ?? 1 }
    return DirectionBank(
      directions: directions, scales: scales,
      eigenvalues: eigen.values.prefix(k).map { Float($0) })
  }

  /// The standard deviation (divided by N − 1) of `codes`' projections on `direction`
  /// (`[D]`, unit length), in code units; nil with fewer than two codes.
  package static func spread(of codes: LatentCodes, along direction: [Float]) -> Float? {
    guard codes.count >= 2, codes.dimensions == direction.count else { return nil }
    var sum = 0.0
    var squares = 0.0
    for row in 0..<codes.count {
      var projection = 0.0
      for j in 0..<direction.count { projection += Double(codes[row, j]) * Double(direction[j]) }
      sum += projection
      squares += projection * projection
    }
    let n = Double(codes.count)
    return Float(max(0, (squares - sum * sum / n) / (n - 1)).squareRoot())
  }

  private static func rows(of eigen: SymmetricEigen, count: Int) -> LatentCodes {
    var rows = LatentCodes(dimensions: eigen.size)
    for k in 0..<count { rows.append(eigen.vector(k).map { Float($0) }) }
    return rows
  }

  private static func checkSize(_ d: Int) throws(LatentError) {
    guard d <= SymmetricEigen.maximumSize else {
      throw LatentError(
        .unsupported,
        "directions are computed for up to \(SymmetricEigen.maximumSize) latent dimensions,"
          + " and the model has \(d)")
    }
  }
}
