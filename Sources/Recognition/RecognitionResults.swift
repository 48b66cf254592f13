import Classification

/// What a recognition experiment measured: test accuracy of each condition in every run, and
/// the full report (confusions, per-class recall) of each condition in the first run.
package struct RecognitionResults: Sendable {
  /// The label value of each class (class `c` is label `classLabels[c]`).
  package var classLabels: [Int]
  /// Names of the label values, when the labels name something (else empty).
  package var labelNames: [String]
  /// Images used (labelled ones), and images left out for having no label.
  package var images: Int
  package var unlabelledImages: Int
  /// Train and test images of the first run (every run has the same counts).
  package var trainImages: Int
  package var testImages: Int
  /// Generated faces added to the first run's train set.
  package var generatedImages: Int
  /// Split seed of each run.
  package var splitSeeds: [UInt64]
  /// Test accuracy of each condition, one value per run, in [0, 1].
  package var accuracies: [RecognitionCondition: [Double]] = [:]
  /// Reports of the first run.
  package var firstRunReports: [RecognitionCondition: ClassificationReport] = [:]

  /// The conditions measured, in a stable order: latent before pixels, methods in the order
  /// given, without augmentation before with.
  package var conditions: [RecognitionCondition] {
    accuracies.keys.sorted { a, b in
      let order = ClassifierMethod.allCases
      let ka = (
        RecognitionCondition.Features.allCases.firstIndex(of: a.features) ?? 0,
        order.firstIndex(of: a.method) ?? 0, a.augmented ? 1 : 0
      )
      let kb = (
        RecognitionCondition.Features.allCases.firstIndex(of: b.features) ?? 0,
        order.firstIndex(of: b.method) ?? 0, b.augmented ? 1 : 0
      )
      return ka < kb
    }
  }

  /// Mean and spread of a condition's accuracy over the runs.
  package func spread(_ condition: RecognitionCondition) -> Spread? {
    accuracies[condition].map(Spread.init)
  }

  /// Per-run change in accuracy from adding generated faces (with − without), for
  /// `features` and `method`; nil when either was not measured.
  package func augmentationGain(
    features: RecognitionCondition.Features, method: ClassifierMethod
  ) -> Spread? {
    guard
      let without = accuracies[
        RecognitionCondition(features: features, method: method, augmented: false)],
      let with = accuracies[
        RecognitionCondition(features: features, method: method, augmented: true)]
    else { return nil }
    return Spread(zip(with, without).map { $0 - $1 })
  }

  /// A printable name for class `c`: its label value, with its name when it has one.
  package func className(_ c: Int) -> String {
    let label = classLabels[c]
    return labelNames.indices.contains(label) ? "\(label) \(labelNames[label])" : "\(label)"
  }
}
