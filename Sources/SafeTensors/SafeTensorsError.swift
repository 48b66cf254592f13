/// A problem with a safetensors file: which file, and what is wrong with it.
///
/// `description` is one line, `<file>: <problem>`, ready for a command's
/// error output.
package struct SafeTensorsError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The path or name of the file the problem is in.
  package var file: String
  /// What is wrong, in words, without the file name.
  package var problem: String

  /// An error about `file`, described by `problem`.
  package init(file: String, problem: String) {
    self.file = file
    self.problem = problem
  }

  /// One line: `<file>: <problem>`.
  package var description: String { "\(file): \(problem)" }
}
