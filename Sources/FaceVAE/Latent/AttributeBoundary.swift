import LatentBasics

/// A linear boundary between the faces with an attribute and those without (InterFaceGAN's
/// hyperplane `n·z + b = 0`), with how well it separates held-out faces and how far the codes
/// spread along its normal.
///
/// The signed distance of a code `z` is `n·z + b` (code units; positive on the attribute's
/// side). Stored in the model file as `attributes.NAME` (the normal) plus an entry of
/// `latent.attributes` (docs/model-format.md).
package struct AttributeBoundary: Hashable, Sendable {
  /// The unit normal `n`, `[D]`, pointing to the positive side.
  package var normal: [Float]
  /// The offset `b`, code units.
  package var offset: Float
  /// The share of held-out faces the boundary puts on their own side, 0…1.
  package var accuracy: Float
  /// How many held-out faces ``accuracy`` was measured on.
  package var heldOutFaces: Int
  /// The standard deviation of the codes' signed distances (code units): the σ of "+2σ".
  package var spread: Float

  package init(normal: [Float], offset: Float, accuracy: Float, heldOutFaces: Int, spread: Float) {
    self.normal = normal
    self.offset = offset
    self.accuracy = accuracy
    self.heldOutFaces = heldOutFaces
    self.spread = spread
  }

  /// `n·z + b`, code units.
  package func signedDistance(of code: [Float]) -> Float {
    precondition(code.count == normal.count, "a code of \(code.count) values, not \(normal.count)")
    var sum = Double(offset)
    for j in code.indices { sum += Double(normal[j]) * Double(code[j]) }
    return Float(sum)
  }

  /// InterFaceGAN's edit: `code` moved so that its signed distance becomes `distance · spread`
  /// ("smile = +2σ"). The move is along the normal; with `holding` directions (`[D]` each, e.g.
  /// other attributes' normals) it is along the normal made orthogonal to all of them, so the
  /// code's projections on the held directions do not change.
  /// - Throws: a ``LatentError`` of kind `unsupported` when the normal lies (almost) in the
  ///   span of the held directions, so that no such move changes the distance.
  package func setting(_ code: [Float], distance: Float, holding: [[Float]] = [])
    throws(LatentError) -> [Float]
  {
    let move = try Self.editDirection(normal, holding: holding)
    var alongNormal = 0.0
    for j in move.indices { alongNormal += Double(move[j]) * Double(normal[j]) }
    let missing = Double(distance * spread) - Double(signedDistance(of: code))
    let amount = missing / alongNormal
    return code.indices.map { Float(Double(code[$0]) + amount * Double(move[$0])) }
  }

  /// `direction` (`[D]`) with its components along `holding` (`[D]` each) removed (Gram–Schmidt
  /// on the held directions, in Double), as a unit vector.
  /// - Throws: a ``LatentError`` of kind `unsupported` when less than 1e-3 of its length is left.
  package static func editDirection(_ direction: [Float], holding: [[Float]]) throws(LatentError)
    -> [Float]
  {
    var basis: [[Double]] = []
    for held in holding {
      precondition(held.count == direction.count, "directions of different lengths")
      var vector = held.map(Double.init)
      for q in basis { subtract(projectionOf: &vector, on: q) }
      let length = norm(vector)
      guard length > 1e-9 else { continue }
      basis.append(vector.map { $0 / length })
    }
    var move = direction.map(Double.init)
    let original = norm(move)
    for q in basis { subtract(projectionOf: &move, on: q) }
    let left = norm(move)
    guard original > 0, left > 1e-3 * original else {
      throw LatentError(
        .unsupported,
        "the edit lies in the span of the held directions, so holding them leaves"
          + " nothing to move")
    }
    return move.map { Float($0 / left) }
  }

  private static func subtract(projectionOf vector: inout [Double], on unit: [Double]) {
    var dot = 0.0
    for j in vector.indices { dot += vector[j] * unit[j] }
    for j in vector.indices { vector[j] -= dot * unit[j] }
  }

  private static func norm(_ vector: [Double]) -> Double {
    vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }
}
