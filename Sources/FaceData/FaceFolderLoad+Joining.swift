extension FaceFolderLoad {
  /// Several loads as one: the datasets joined (see ``FaceDataset/init(joining:)``), the skipped
  /// files of all, the seconds summed.
  package init(joining loads: [FaceFolderLoad]) {
    self.init(
      dataset: FaceDataset(joining: loads.map(\.dataset)), skipped: loads.flatMap(\.skipped),
      seconds: loads.reduce(0) { $0 + $1.seconds })
  }
}
