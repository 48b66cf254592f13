import Classification
import FaceVAE

extension ModelSummary {
  /// The predicted label of `code` (`[D]`): the label of the nearest labelled stored face,
  /// leaving stored face `excluded` out (a stored face is not its own witness); nil when no
  /// other stored face has a label.
  package func predictedLabel(for code: [Float], excludingStored excluded: Int? = nil)
    -> LabelPrediction?
  {
    let d = latentDimensions
    guard code.count == d, d > 0 else { return nil }
    let labelled = (0..<min(storedFaces, storedLabels.count)).filter { storedLabels[$0] >= 0 }
    guard !labelled.isEmpty else { return nil }
    let references = FeatureMatrix(values: storedCodes.values, columns: d).rows(labelled)
    let classifier = NearestNeighbourClassifier(
      features: references, labels: labelled.map { storedLabels[$0] })
    let excludedRow = excluded.flatMap { labelled.firstIndex(of: $0) }
    guard let nearest = classifier.nearest(to: code, excluding: excludedRow) else { return nil }
    let face = labelled[nearest.reference]
    return LabelPrediction(
      label: storedLabels[face], storedFace: face, similarity: nearest.similarity)
  }
}
