import FaceVAE
import FaceData

/// What a recognition experiment predicts (`latent classify --by`): the file label (identity),
/// the file index (`attribute:index`: the colour set's 0 neutral / 1 smiling), or a column of a
/// metadata CSV (`attribute:COLUMN`).
package enum RecognitionTarget: Hashable, Sendable, CustomStringConvertible {
  /// The label the loader reads (`12_03.png` → 12, or the sub-folder).
  case label
  /// The file index (`12_03.png` → 3).
  case index
  /// The value of a metadata column, classes numbered in sorted order of the values.
  case column(String)

  /// Reads `label`, `attribute:index` or `attribute:COLUMN`; nil for anything else.
  package init?(argument: String) {
    if argument == "label" {
      self = .label
      return
    }
    guard argument.hasPrefix("attribute:") else { return nil }
    let name = String(argument.dropFirst("attribute:".count))
    guard !name.isEmpty else { return nil }
    self = name == "index" ? .index : .column(name)
  }

  package var description: String {
    switch self {
    case .label: "label"
    case .index: "attribute:index"
    case .column(let name): "attribute:\(name)"
    }
  }

  /// `dataset` labelled by this target (`metadata` is needed for ``column(_:)``); images
  /// without a value keep no label.
  package func relabel(_ dataset: FaceDataset, metadata: FaceMetadata?) -> FaceDataset {
    switch self {
    case .label: return dataset
    case .index: return dataset.labelledByIndex()
    case .column(let name):
      guard let metadata else {
        var unlabelled = dataset
        unlabelled.labels = Array(repeating: nil, count: dataset.count)
        return unlabelled
      }
      return dataset.labelled(by: name, from: metadata)
    }
  }
}
