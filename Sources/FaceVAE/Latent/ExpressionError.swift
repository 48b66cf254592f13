/// Why a ``LatentExpression`` does not parse or evaluate, and where.
package struct ExpressionError: Error, Hashable, Sendable {
  /// The column of the problem, 1-based, in characters of the text.
  package var column: Int
  /// What is wrong, in a few words.
  package var problem: String

  package init(column: Int, _ problem: String) {
    self.column = column
    self.problem = problem
  }

  /// `column N: problem`.
  package var description: String { "column \(column): \(problem)" }
}
