import LatentBasics

/// A direction in latent space that separates two groups of faces: the mean code of the
/// positive group minus the mean code of the negative group (e.g. smiling − neutral).
package enum AttributeDirection {
  /// `mean(codes | true) − mean(codes | false)`, ignoring codes whose membership is nil.
  /// - Parameters:
  ///   - codes: `[N, D]`.
  ///   - membership: one entry per code: true (positive), false (negative) or nil (neither).
  /// - Returns: the direction, `[D]`.
  /// - Throws: a ``LatentError`` of kind `data` when `membership` does not have one entry per
  ///   code, or a side has no code.
  package static func direction(
    codes: LatentCodes, membership: [Bool?]
  ) throws(LatentError) -> [Float] {
    let dimensions = codes.dimensions
    precondition(dimensions > 0)
    guard codes.count == membership.count else {
      throw LatentError(.data, "\(codes.count) codes but \(membership.count) split entries")
    }
    var positive = [Double](repeating: 0, count: dimensions)
    var negative = [Double](repeating: 0, count: dimensions)
    var positives = 0
    var negatives = 0
    for (row, side) in membership.enumerated() {
      guard let side else { continue }
      if side {
        positives += 1
        for j in 0..<dimensions { positive[j] += Double(codes[row, j]) }
      } else {
        negatives += 1
        for j in 0..<dimensions { negative[j] += Double(codes[row, j]) }
      }
    }
    guard positives > 0 else { throw emptySide("positive") }
    guard negatives > 0 else { throw emptySide("negative") }
    return (0..<dimensions).map {
      Float(positive[$0] / Double(positives) - negative[$0] / Double(negatives))
    }
  }

  private static func emptySide(_ side: String) -> LatentError {
    LatentError(.data, "no face is on the \(side) side of the split")
  }
}
