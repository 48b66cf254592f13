/// An immutable copy of a VAE's weights, numbered so a reader can tell a new one
/// from the one it already has.
///
/// `[Float]` is copy-on-write, so handing a snapshot across threads costs nothing.
package struct WeightSnapshot: Sendable {
  /// Increases by one with every publication; 0 is the loaded model.
  package var generation: Int
  /// One array per parameter, in ``VariationalAutoencoder/namedParameters`` order.
  package var values: [[Float]]
  /// Epochs finished when the snapshot was taken (counting the model's earlier ones).
  package var epoch: Int
  /// The records of the epochs trained since the model was loaded (every run's, in order).
  package var epochs: [EpochRecord]

  /// A snapshot of `values` as generation `generation`.
  package init(generation: Int, values: [[Float]], epoch: Int, epochs: [EpochRecord] = []) {
    self.generation = generation
    self.values = values
    self.epoch = epoch
    self.epochs = epochs
  }
}
