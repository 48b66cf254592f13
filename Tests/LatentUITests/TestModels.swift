import FaceVAE
import ImageIO
import LatentUI

/// A model summary with KL values chosen so the sort order is known: z1, z3, z2, z0
/// (z0 below the activity threshold), plus one attribute.
func fourDimensionModel() -> ModelSummary {
  ModelSummary(
    name: "toy", latentDimensions: 4, imageWidth: 8, imageHeight: 8, channels: 3,
    klPerDimension: [0.01, 2.0, 0.5, 1.0],
    attributes: [.init(name: "smile", direction: [0, 0, 0, 2])],
    storedCodes: LatentCodes(dimensions: 4, values: [0.5, -0.5, 1, 0, 0, 0, 0, 0]),
    storedLabels: [0, 1], epochs: 7)
}

/// A model with `count` dimensions of decreasing KL.
func wideModel(dimensions count: Int) -> ModelSummary {
  ModelSummary(
    name: "wide", latentDimensions: count, imageWidth: 8, imageHeight: 8, channels: 3,
    klPerDimension: (0..<count).map { Float(count - $0) })
}

/// A flat grey 8×8 image.
func grayFace(_ level: UInt8) -> Image {
  Image(width: 8, height: 8, fill: [level, level, level])
}

extension AppState {
  /// Applies each event, returning every effect.
  mutating func send(_ events: AppEvent...) -> [AppEffect] {
    events.flatMap { update($0) }
  }

  /// Applies key presses.
  mutating func press(_ keys: Key...) -> [AppEffect] {
    keys.flatMap { update(.key($0)) }
  }
}

/// The codes of face decode requests among `effects`.
func faceCodes(_ effects: [AppEffect]) -> [[Float]] {
  effects.compactMap { effect in
    guard case .decode(let request) = effect, request.slot == .face,
      case .codes(let codes) = request.work
    else { return nil }
    return codes.first
  }
}
