/// Why a recognition experiment cannot run on some data: a one-line reason naming the problem
/// (the caller adds the path).
package struct RecognitionError: Error, Hashable, Sendable, CustomStringConvertible {
  package let problem: String

  package init(_ problem: String) { self.problem = problem }

  package var description: String { problem }
}
