/// A model file that cannot be read or written; the description is one line
/// that names the file and the defect.
package struct ModelFileError: Error, CustomStringConvertible, Equatable {
  package var path: String
  package var problem: String
  package init(_ path: String, _ problem: String) {
    self.path = path
    self.problem = problem
  }
  package var description: String { "\(path): \(problem)" }
}
