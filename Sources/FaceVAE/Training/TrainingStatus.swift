/// What a background training run is doing, as the screen shows it.
package struct TrainingStatus: Sendable, Equatable {
  /// The phase of the run.
  package enum Phase: Sendable, Equatable {
    /// Nothing started yet.
    case idle
    /// Steps are running.
    case running
    /// Asked to stop; ends within one step.
    case cancelling
    /// Ended with this outcome.
    case finished(TrainingOutcome)
    /// Could not start or save: the reason in one line.
    case failed(String)
  }

  /// Where a run's optimizer starts from.
  package enum OptimizerStart: Sendable, Equatable {
    /// Adam's stored moments and step (as `latent train --resume` does), after this many updates.
    case restored(step: Int)
    /// No stored state: fresh moments, the learning rate rising from 0 over the first epoch.
    case warmUp
  }

  package var phase: Phase = .idle
  /// The latest step's report.
  package var progress: TrainingProgress?
  /// Mean ELBO after each step so far, thinned to at most ``historyLimit`` values.
  package var elboHistory: [Double] = []
  /// This run's last checkpoint, if it wrote one (nil again when a new run starts).
  package var checkpointPath: String?
  /// The epoch (counting the model's earlier ones) that ``checkpointPath`` holds.
  package var checkpointEpoch: Int?
  /// How this run's optimizer started; nil before the first run.
  package var optimizerStart: OptimizerStart?
  /// This run's ELBO on the held-out images (none without them).
  package var heldOutELBO = ELBOFigures()
  /// A run's serial number (1 for the first run); 0 before any.
  package var run = 0

  /// Longest ``elboHistory`` kept.
  package static let historyLimit = 240

  package init() {}

  /// Whether a run is going (running or cancelling).
  package var isActive: Bool { phase == .running || phase == .cancelling }
}
