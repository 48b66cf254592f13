import LatentBasics

/// Tab completion of a file path typed at the prompt, as a shell does it: the longest text
/// that every file name fitting what was typed begins with, folders with a trailing `/`, and
/// `~` as the home folder.
package struct PathCompletion: Hashable, Sendable {
  /// The typed text completed: `~` expanded, then the folder part and the longest prefix the
  /// candidates share (the text itself, expanded, when none fits).
  package var text: String
  /// The names in the folder that begin with what was typed after the last `/`, sorted
  /// (folders end in `/`); names beginning with `.` only when that was typed.
  package var candidates: [String]
  /// The folder part of the expanded text, up to its last `/` (empty: the current folder).
  package var folder: String
  /// What was typed after the folder part.
  package var typedName: String

  /// Completes `text` against the folder it names, with `home` for a leading `~` and `list`
  /// giving a folder's names (folders ending in `/`; nil when it cannot be read).
  package init(completing text: String, home: String?, list: (String) -> [String]?) {
    let expanded = Self.expandingHome(text, home: home)
    let slash = expanded.lastIndex(of: "/")
    folder = slash.map { String(expanded[...$0]) } ?? ""
    let typed = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
    typedName = typed
    candidates = (list(folder.isEmpty ? "." : folder) ?? [])
      .filter { $0.hasPrefix(typed) && (typed.hasPrefix(".") || !$0.hasPrefix(".")) }
      .sorted()
    self.text = folder + (Self.commonPrefix(candidates) ?? typed)
  }

  /// Whether completing added nothing to what was typed.
  package var addsNothing: Bool { text == folder + typedName }

  /// Completes `text` against the file system.
  package init(completing text: String, home: String?) {
    self.init(completing: text, home: home, list: POSIXFile.folderEntries)
  }

  /// `text` with a leading `~` (alone or before `/`) replaced by `home`; else unchanged.
  package static func expandingHome(_ text: String, home: String?) -> String {
    guard let home, !home.isEmpty, text == "~" || text.hasPrefix("~/") else { return text }
    let folder = home.hasSuffix("/") ? String(home.dropLast()) : home
    return folder + (text == "~" ? "/" : text.dropFirst())
  }

  /// The longest text every name begins with; nil for no names.
  static func commonPrefix(_ names: [String]) -> String? {
    guard let first = names.first else { return nil }
    var prefix = Substring(first)
    for name in names.dropFirst() {
      while !name.hasPrefix(prefix) { prefix = prefix.dropLast() }
    }
    return String(prefix)
  }
}
