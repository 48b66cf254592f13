extension FaceDataset {
  /// Each image's value in `column` of `metadata`, matched by file name (nil when absent).
  package func attribute(_ column: String, from metadata: FaceMetadata) -> [String?] {
    paths.map { metadata.value(column, forFile: $0) }
  }

  /// This dataset labelled by `column` of `metadata` instead: distinct values are numbered in
  /// sorted order (`expression` → 0 neutral, 1 smiling) and kept in ``labelNames``; images
  /// without a value get no label.
  package func labelled(by column: String, from metadata: FaceMetadata) -> FaceDataset {
    let values = attribute(column, from: metadata)
    let names = Set(values.compactMap { $0 }).sorted()
    let numbers = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    var relabelled = self
    relabelled.labels = values.map { $0.flatMap { numbers[$0] } }
    relabelled.labelNames = names
    return relabelled
  }
}
