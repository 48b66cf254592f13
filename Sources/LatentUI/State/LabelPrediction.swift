/// The label the explorer predicts for a face from the model's stored codes: the label of the
/// nearest labelled stored face by cosine similarity (1-nearest neighbour, as `latent classify
/// --method knn`), with that face and how similar it is.
package struct LabelPrediction: Hashable, Sendable {
  /// The predicted label.
  package var label: Int
  /// The stored face it comes from (its index among the stored faces).
  package var storedFace: Int
  /// Cosine similarity of the two codes (centred on the stored codes' mean), in [−1, 1].
  package var similarity: Float
  /// The stored face whose code is this face's own (a training image), left out of the vote.
  package var sameAsStored: Int?

  package init(label: Int, storedFace: Int, similarity: Float, sameAsStored: Int? = nil) {
    self.label = label
    self.storedFace = storedFace
    self.similarity = similarity
    self.sameAsStored = sameAsStored
  }

  /// Cosine similarity above which two codes count as the same face's.
  package static let sameCodeSimilarity: Float = 0.9999
}
