import LatentBasics
import NeuralCore

extension VariationalAutoencoder {
  /// Every parameter, then every buffer, with its `state_dict` name: what a model file holds.
  package var namedState: [(name: String, parameter: Parameter)] {
    namedParameters + namedBuffers
  }

  /// A copy of every parameter's and buffer's values, in ``namedState`` order.
  package func weightValues() -> [[Float]] {
    namedState.map(\.parameter.values)
  }

  /// Overwrites the parameters and buffers with `values` (as from ``weightValues()``); false
  /// when the shapes do not match this model, in which case nothing changes.
  @discardableResult
  package func loadWeights(_ values: [[Float]]) -> Bool {
    let state = namedState.map(\.parameter)
    guard values.count == state.count,
      zip(values, state).allSatisfy({ $0.count == $1.count })
    else { return false }
    for (value, parameter) in zip(values, state) { parameter.assign(value) }
    return true
  }

  /// A new model with the same config and a copy of these weights.
  package func copy() throws(LatentError) -> VariationalAutoencoder {
    let twin = try VariationalAutoencoder(config: config, seed: 0)
    twin.loadWeights(weightValues())
    return twin
  }
}
