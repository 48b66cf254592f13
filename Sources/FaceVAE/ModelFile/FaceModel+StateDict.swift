import LatentBasics
import SafeTensors

extension FaceModel {
  /// Checks that `file` holds every tensor `blueprint` names (parameters and buffers) with
  /// exactly its shape, as `load_state_dict(strict=True)` would, before anything is allocated.
  /// - Throws: a ``LatentError`` of kind `model` listing the first missing tensors, or the
  ///   first tensor whose shape differs (expected and found).
  static func checkStateDict(
    of file: SafeTensorsFile, against blueprint: VAEBlueprint, path: String
  ) throws(LatentError) {
    let expected = blueprint.parameters + blueprint.buffers
    let missing = expected.filter { file.tensors[$0.name] == nil }.map(\.name)
    if !missing.isEmpty {
      throw LatentError(
        .model, path: path,
        "missing \(Self.listing(missing, noun: "tensor")) that latent.config needs")
    }
    for tensor in expected {
      guard let found = file.tensors[tensor.name], found.shape != tensor.shape else { continue }
      throw LatentError(
        .model, path: path,
        "tensor '\(tensor.name)' has shape \(found.shape), expected \(tensor.shape)")
    }
  }

  /// "tensor 'a'" or "3 tensors: 'a', 'b', 'c'", with at most four names and "…" after them.
  static func listing(_ names: [String], noun: String) -> String {
    let shown = names.prefix(4).map { "'\($0)'" }.joined(separator: ", ")
    let more = names.count > 4 ? ", … (\(names.count - 4) more)" : ""
    return names.count == 1 ? "\(noun) \(shown)" : "\(names.count) \(noun)s: \(shown)\(more)"
  }
}
