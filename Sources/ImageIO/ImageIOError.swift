/// A file that could not be read or written: which file, and what is wrong with it.
///
/// Its description is one line, `<path>: <problem>`, ready for a command's error output.
package struct ImageIOError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file the problem is about, as the caller named it.
  package let path: String
  /// What is wrong, in a few words, without the path (for example `truncated PNG data`).
  package let problem: String

  /// An error about `path`.
  package init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  /// `<path>: <problem>`, on one line (line breaks in the problem become spaces).
  package var description: String {
    let oneLine = problem.split(whereSeparator: \.isNewline).joined(separator: " ")
    return "\(path): \(oneLine)"
  }
}
