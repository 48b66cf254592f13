/// Labels read from a folder's file paths: numbered names first, else first-level sub-folders,
/// else none (see ``FaceDataset/load(folder:preprocessing:background:limits:)``).
struct LabelNaming {
  /// Each file's label.
  var labels: [Int?]
  /// Each file's index (the integer after `_` in a numbered name).
  var indices: [Int?]
  /// Sub-folder names, label `i` being `names[i]`; empty for numbered names.
  var names: [String]

  /// The labels of files at `relativePaths` (relative to the loaded folder).
  init(relativePaths: [String]) {
    let parsed = relativePaths.map { FaceFileName(path: $0) }
    indices = parsed.map(\.index)
    let folders = relativePaths.map { path -> String? in
      let components = path.split(separator: "/")
      return components.count >= 2 ? String(components[0]) : nil
    }
    if parsed.allSatisfy({ $0.label != nil }) {
      labels = parsed.map(\.label)
      names = []
    } else if folders.allSatisfy({ $0 != nil }) {
      names = Set(folders.compactMap { $0 }).sorted()
      let numbers = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
      labels = folders.map { $0.flatMap { numbers[$0] } }
    } else {
      labels = Array(repeating: nil, count: relativePaths.count)
      names = []
    }
  }
}
