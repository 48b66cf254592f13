import LatentBasics
import NeuralCore
extension VariationalAutoencoder {
  /// A copy of every parameter's values, in ``namedParameters`` order.
  package func weightValues() -> [[Float]] {
    parameters.map(\.values)
  }

  /// Overwrites the parameters with `values` (as from ``weightValues()``); false when the
  /// shapes do not match this model, in which case nothing changes.
  @discardableResult
  package func loadWeights(_ values: [[Float]]) -> Bool {
    let parameters = parameters
    guard values.count == parameters.count,
      zip(values, parameters).allSatisfy({ $0.count == $1.count })
    else { return false }
    for (value, parameter) in zip(values, parameters) { parameter.assign(value) }
    return true
  }

  /// A new model with the same config and a copy of these weights.
  package func copy() throws(LatentError) -> VariationalAutoencoder {
    let twin = try VariationalAutoencoder(config: config, seed: 0)
    twin.loadWeights(weightValues())
    return twin
  }
}
