/// A face folder or metadata file that cannot be used: which path, and what is wrong.
///
/// Its description is one line, `<path>: <problem>`.
package struct FaceDataError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The folder or file the problem is about.
  package let path: String
  /// What is wrong, in a few words.
  package let problem: String

  /// An error about `path`.
  package init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  /// `<path>: <problem>`.
  package var description: String { "\(path): \(problem)" }
}
