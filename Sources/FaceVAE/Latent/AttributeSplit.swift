import FaceData

/// Which faces of a dataset are on the positive side of an attribute, and which on the negative.
package enum AttributeSplit: Hashable, Sendable {
  /// File index `value` (the `01` of `12_01.png`) against every other index; files without an
  /// index are on neither side.
  case index(Int)
  /// Metadata `column` equal to one of `values` against every other value; files without one
  /// are on neither side.
  case column(String, values: [String])

  /// The split named `index:K`, or nil when `text` is not of that form.
  package init?(indexArgument text: String) {
    guard text.hasPrefix("index:"), let value = Int(text.dropFirst("index:".count)) else {
      return nil
    }
    self = .index(value)
  }

  /// One entry per image of `dataset`: true (positive), false (negative), nil (neither).
  /// `metadata` is needed for ``column(_:value:)``.
  package func membership(of dataset: FaceDataset, metadata: FaceMetadata?) -> [Bool?] {
    switch self {
    case .index(let wanted):
      return dataset.indices.map { $0.map { $0 == wanted } }
    case .column(let column, let wanted):
      guard let metadata else { return Array(repeating: nil, count: dataset.count) }
      return dataset.attribute(column, from: metadata).map { $0.map { wanted.contains($0) } }
    }
  }

  /// ``membership(of:metadata:)`` of several folders, one after another: `metadata` holds one
  /// table for all of them, one per folder in the same order, or none.
  package func membership(of folders: [FaceDataset], metadata: [FaceMetadata]) -> [Bool?] {
    folders.enumerated().flatMap { number, folder in
      membership(of: folder, metadata: metadata.count > 1 ? metadata[number] : metadata.first)
    }
  }
}
