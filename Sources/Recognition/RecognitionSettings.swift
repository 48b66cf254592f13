import Classification

/// What a recognition experiment measures (the options of `latent classify`).
package struct RecognitionSettings: Hashable, Sendable {
  /// The classifiers to train, each on latent codes and on pixels.
  package var methods: [ClassifierMethod] = ClassifierMethod.allCases
  /// Generated faces added per train image (0: no augmented runs).
  package var augment = 0
  /// Share of each class's images held out for testing, in (0, 1).
  package var testFraction = 0.3
  /// Seed of the first run's split and generated faces; run r uses `seed + r`.
  package var seed: UInt64 = 0
  /// Repetitions, each with its own seed, for the mean and spread.
  package var runs = 5
  /// Every run uses the split of `seed` (only the generated faces change between runs).
  package var fixedSplit = false
  /// Neighbours that vote in kNN.
  package var neighbours = 1
  /// Also train the classifiers on pixels (the baseline).
  package var pixelBaseline = true
  /// How logistic regression is fitted.
  package var logistic = LogisticRegressionSettings()

  package init() {}

  /// The split seed of run `run`.
  package func splitSeed(ofRun run: Int) -> UInt64 { fixedSplit ? seed : seed &+ UInt64(run) }

  /// The seed of run `run`'s generated faces.
  package func augmentSeed(ofRun run: Int) -> UInt64 { seed &+ UInt64(run) }
}
