extension FaceDataset {
  /// This dataset labelled by each file's index instead (`12_01.png` → 1; the colour set's
  /// 0 neutral / 1 smiling); images without an index get no label.
  package func labelledByIndex() -> FaceDataset {
    var relabelled = self
    relabelled.labels = indices
    relabelled.labelNames = []
    return relabelled
  }
}
