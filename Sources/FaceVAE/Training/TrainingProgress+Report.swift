extension TrainingProgress {
  /// A progress report with the given values, for code outside this module that shows
  /// progress (screens and their tests).
  package static func report(
    epoch: Int, epochs: Int, step: Int, stepsPerEpoch: Int, elbo: Double, imagesPerSecond: Double,
    elapsed: Double
  ) -> TrainingProgress {
    TrainingProgress(
      epoch: epoch, epochs: epochs, step: step, stepsPerEpoch: stepsPerEpoch, elbo: elbo,
      imagesPerSecond: imagesPerSecond, elapsed: elapsed)
  }
}
