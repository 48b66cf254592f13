/// Where a training run is, reported after every step.
package struct TrainingProgress: Hashable, Sendable {
  /// 1-based epoch of this run.
  package var epoch: Int
  package var epochs: Int
  /// 1-based step within the epoch.
  package var step: Int
  package var stepsPerEpoch: Int
  /// Mean ELBO of the epoch's steps so far (nats per image).
  package var elbo: Double
  /// Training images per second in this epoch so far.
  package var imagesPerSecond: Double
  /// Seconds since the run started.
  package var elapsed: Double

  /// Fraction of the run done, 0…1.
  package var fraction: Double {
    guard epochs > 0, stepsPerEpoch > 0 else { return 1 }
    return (Double(epoch - 1) + Double(step) / Double(stepsPerEpoch)) / Double(epochs)
  }

  /// Seconds left at the current pace.
  package var secondsRemaining: Double {
    fraction > 0 ? elapsed * (1 - fraction) / fraction : .infinity
  }
}

/// How a training run ended.
package enum TrainingOutcome: Hashable, Sendable {
  /// Every epoch ran.
  case completed
  /// Stopped on request after the given epoch and step; the weights are those after that step.
  case cancelled(epoch: Int, step: Int)
  /// The loss or gradient stopped being finite; the weights were restored to the
  /// end of the last good epoch (or the start).
  case diverged(epoch: Int, step: Int)
}
