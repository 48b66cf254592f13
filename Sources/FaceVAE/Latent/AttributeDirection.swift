/// A direction in latent space that separates two groups of faces: the mean code of the
/// positive group minus the mean code of the negative group (e.g. smiling − neutral).
package enum AttributeDirection {
  /// Why a direction cannot be computed.
  package enum Failure: Error, Hashable, CustomStringConvertible {
    /// No code is on the named side (`positive` or `negative`).
    case emptySide(String)
    /// `membership` does not have one entry per code.
    case countMismatch(codes: Int, membership: Int)

    package var description: String {
      switch self {
      case .emptySide(let side): return "no face is on the \(side) side of the split"
      case .countMismatch(let codes, let membership):
        return "\(codes) codes but \(membership) split entries"
      }
    }
  }

  /// `mean(codes | true) − mean(codes | false)`, ignoring codes whose membership is nil.
  /// - Parameters:
  ///   - codes: `[N, dimensions]` row-major.
  ///   - dimensions: latent dimensions D.
  ///   - membership: one entry per code: true (positive), false (negative) or nil (neither).
  /// - Returns: the direction, `[D]`.
  package static func direction(
    codes: [Float], dimensions: Int, membership: [Bool?]
  ) throws(Failure) -> [Float] {
    precondition(dimensions > 0)
    let count = codes.count / dimensions
    guard count == membership.count else {
      throw .countMismatch(codes: count, membership: membership.count)
    }
    var positive = [Double](repeating: 0, count: dimensions)
    var negative = [Double](repeating: 0, count: dimensions)
    var positives = 0
    var negatives = 0
    for (row, side) in membership.enumerated() {
      guard let side else { continue }
      let base = row * dimensions
      if side {
        positives += 1
        for j in 0..<dimensions { positive[j] += Double(codes[base + j]) }
      } else {
        negatives += 1
        for j in 0..<dimensions { negative[j] += Double(codes[base + j]) }
      }
    }
    guard positives > 0 else { throw .emptySide("positive") }
    guard negatives > 0 else { throw .emptySide("negative") }
    return (0..<dimensions).map {
      Float(positive[$0] / Double(positives) - negative[$0] / Double(negatives))
    }
  }
}
