/// What a face file's name says about it: `<label>_<index>.<ext>` (the convention of the
/// shared datasets, `12_03.png` → label 12, index 3).
package struct FaceFileName: Hashable, Sendable {
  /// The integer before the first `_`, or nil.
  package let label: Int?
  /// The integer after the first `_` (up to the next `_`), or nil.
  package let index: Int?

  /// Parses the last path component of `path`.
  package init(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    let parts = stem.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2, let label = Int(parts[0]) else {
      label = nil
      index = nil
      return
    }
    self.label = label
    self.index = Int(parts[1])
  }
}
