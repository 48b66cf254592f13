import LatentBasics
import NeuralCore

/// Where a training run stands beyond its weights: Adam's step count and moments, and the
/// trainer's random generator. Checkpoints store it, so that a run resumed from the end of
/// an epoch continues exactly as if it had never stopped (see docs/model-format.md).
package struct TrainingState: Hashable, Sendable {
  /// Adam's state, its moments in ``VariationalAutoencoder/namedParameters`` order.
  package var optimizer: AdamState
  /// The trainer's generator (shuffles, flips, noise); nil when unknown, and then a resumed
  /// run draws from its seed's stream again.
  package var generator: SeededGenerator.State?

  /// Adam's updates so far.
  package var optimizerSteps: Int { optimizer.step }

  package init(optimizer: AdamState, generator: SeededGenerator.State? = nil) {
    self.optimizer = optimizer
    self.generator = generator
  }
}
