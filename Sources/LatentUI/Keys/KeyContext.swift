/// Where a key binding applies: one of the modes, the `?` overlay or the prompt line.
/// The overlay and the prompt take every key while they are open.
package enum KeyContext: Hashable, Sendable, CaseIterable {
  case explore, interpolate, traverse, browse, map
  /// The `?` overlay listing the keys.
  case help
  /// The line where a file path is typed.
  case prompt
  /// The question `w` asks: overwrite the model file or write a new one beside it.
  case keepQuestion

  /// The modes.
  package static let modes: [KeyContext] = [.explore, .interpolate, .traverse, .browse, .map]

  /// The context of `mode` when neither the overlay nor the prompt is open.
  package init(_ mode: AppMode) {
    switch mode {
    case .explore: self = .explore
    case .interpolate: self = .interpolate
    case .traverse: self = .traverse
    case .browse: self = .browse
    case .map: self = .map
    }
  }

  /// The name in the key tables (`Explore`, `` `?` overlay``, `prompt`).
  package var title: String {
    switch self {
    case .explore: AppMode.explore.title
    case .interpolate: AppMode.interpolate.title
    case .traverse: AppMode.traverse.title
    case .browse: AppMode.browse.title
    case .map: AppMode.map.title
    case .help: "? overlay"
    case .prompt: "prompt"
    case .keepQuestion: "`w` question"
    }
  }
}
