/// A file that could not be read or written: which file, and why, in words and as a kind
/// that callers can turn into their own message.
package struct FileAccessError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong.
  package enum Reason: Equatable, Sendable {
    /// `open` failed (missing file, no access, …); the C library's words for `errno`.
    case cannotOpen(String)
    /// The path names a folder.
    case isFolder
    /// The path names something that is neither a regular file nor a folder.
    case notRegularFile
    /// The file holds more bytes than the caller accepts.
    case tooLarge(bytes: Int, limit: Int)
    /// Another step failed: what was being done, and the C library's words for `errno`.
    case failed(action: String, reason: String)
  }

  /// The file, as the caller named it.
  package var path: String
  /// What went wrong.
  package var reason: Reason

  /// An error about `path`.
  package init(path: String, reason: Reason) {
    self.path = path
    self.reason = reason
  }

  /// What went wrong, in words, without the path.
  package var problem: String {
    switch reason {
    case .cannotOpen(let words): "cannot open: \(words)"
    case .isFolder: "is a folder, not a file"
    case .notRegularFile: "is not a regular file"
    case .tooLarge(let bytes, let limit): "file is \(bytes) bytes, over the limit of \(limit)"
    case .failed(let action, let words): "\(action): \(words)"
    }
  }

  /// One line: `<path>: <problem>`.
  package var description: String { "\(path): \(problem)" }
}
