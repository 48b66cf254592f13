import LatentBasics
import NeuralCore

extension FaceModel {
  /// The direction methods `latent directions --method` knows, by bank name.
  package enum DirectionMethod: String, CaseIterable, Sendable {
    /// Principal directions of the stored codes.
    case pca
    /// Closed-form directions from the decoder's first Linear weight.
    case sefa
  }

  /// The first `count` directions of `method` for this model (its stored codes set the scales).
  /// - Throws: a ``LatentError`` of kind `unsupported` when PCA has fewer than two stored codes,
  ///   or the decoder's first layer is not Linear (SeFa).
  package func computeDirections(_ method: DirectionMethod, count: Int) throws(LatentError)
    -> DirectionBank
  {
    switch method {
    case .pca:
      return try DirectionBank.principal(of: codes, count: count)
    case .sefa:
      guard let first = vae.decoder.layers.first as? Linear else {
        let what = vae.decoder.layers.first.map { "\($0)" } ?? "nothing"
        throw LatentError(
          .unsupported,
          "SeFa needs a decoder whose first layer is Linear, and this one starts with \(what);"
            + " use --method pca")
      }
      return try DirectionBank.semanticFactorization(
        weight: first.weight.values, latentDimensions: vae.latentDimensions, count: count,
        codes: codes)
    }
  }
}

extension FaceModel {
  /// A direction to move a code along: a unit vector (`[D]`) and the σ it moves by (code units).
  package struct Axis: Hashable, Sendable {
    /// Unit length, `[D]`.
    package var direction: [Float]
    /// One slider unit along ``direction``, code units.
    package var scale: Float

    package init(direction: [Float], scale: Float) {
      self.direction = direction
      self.scale = scale
    }
  }

  /// Direction `index` of the bank `name` (as `pca:3` names it) with its scale.
  /// - Throws: a ``LatentError`` naming `modelPath` when the model has no such bank or direction.
  package func directionAxis(bank name: String, index: Int, modelPath: String) throws(LatentError)
    -> Axis
  {
    guard let bank = directions[name] else {
      let known = directions.keys.sorted()
      throw LatentError(
        .unsupported, path: modelPath,
        "has no directions '\(name)'"
          + (known.isEmpty
            ? " (add them with `latent directions --method pca|sefa`)"
            : " (it has \(known.joined(separator: ", ")))"))
    }
    guard index < bank.count else {
      throw LatentError(
        .unsupported, path: modelPath,
        "has \(bank.count) \(name) directions, so there is no \(name):\(index)"
          + " (use \(name):0 to \(name):\(bank.count - 1))")
    }
    return Axis(direction: bank.directions[index], scale: bank.scales[index])
  }

  /// The attribute `name` as an axis: a boundary's normal and spread when it was fitted as a
  /// classifier, else its direction scaled to unit length with the stored codes' spread along
  /// it (1 without stored codes).
  /// - Throws: a ``LatentError`` naming `modelPath` when there is no such attribute, or it is zero.
  package func attributeAxis(named name: String, modelPath: String) throws(LatentError) -> Axis {
    guard let direction = attributes[name] else {
      let known = attributes.keys.sorted()
      throw LatentError(
        .unsupported, path: modelPath,
        "has no attribute '\(name)'"
          + (known.isEmpty ? " (it has none)" : " (it has \(known.joined(separator: ", ")))"))
    }
    if let boundary = attributeBoundaries[name], boundary.normal == direction {
      return Axis(direction: boundary.normal, scale: boundary.spread)
    }
    let length = Float(direction.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
    guard length > 0 else {
      throw LatentError(.model, path: modelPath, "attribute '\(name)' is a zero vector")
    }
    let unit = direction.map { $0 / length }
    return Axis(direction: unit, scale: DirectionBank.spread(of: codes, along: unit) ?? 1)
  }
}
