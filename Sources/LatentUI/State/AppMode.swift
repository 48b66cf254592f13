/// The explorer's screens.
package enum AppMode: String, Hashable, Sendable, CaseIterable {
  /// One slider per latent dimension.
  case explore
  /// Walk from face A to face B.
  case interpolate
  /// Rows of dimensions, columns of σ offsets.
  case traverse
  /// The faces the model stores, or the dataset's.
  case browse
  /// The stored codes as dots on the plane of two directions, with a cursor that decodes.
  case map

  /// The name on the mode bar.
  package var title: String {
    switch self {
    case .explore: "Explore"
    case .interpolate: "Interpolate"
    case .traverse: "Traverse"
    case .browse: "Browse"
    case .map: "Map"
    }
  }

  /// The key that opens the mode.
  package var key: Character {
    switch self {
    case .explore: "E"
    case .interpolate: "I"
    case .traverse: "T"
    case .browse: "B"
    case .map: "M"
    }
  }
}
