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

  package var phase: Phase = .idle
  /// The latest step's report.
  package var progress: TrainingProgress?
  /// Mean ELBO after each step so far, thinned to at most ``historyLimit`` values.
  package var elboHistory: [Double] = []
  /// The last checkpoint written, if any.
  package var checkpointPath: String?
  /// A run's serial number (1 for the first run); 0 before any.
  package var run = 0

  /// Longest ``elboHistory`` kept.
  package static let historyLimit = 240

  package init() {}

  /// Whether a run is going (running or cancelling).
  package var isActive: Bool { phase == .running || phase == .cancelling }
}
