import LatentBasics

/// An expression over named points, as the explorer's calculator reads it:
/// `#12 - #40 + seed:7`, `0.5 * smile`, `@mine + 2 * sefa:3`, `-(#1 + #2) / 2`.
///
/// Grammar (spaces between tokens are free):
///
/// ```
/// sum     = product (("+" | "-") product)*
/// product = unary (("*" | "/") unary)*
/// unary   = "-" unary | "+" unary | primary
/// primary = NUMBER | NAME | "(" sum ")"
/// ```
///
/// A NAME is a ``LatentPoint`` (`#12`, `seed:7`, `zero`, `@mine`, `pca:3`) or an attribute's
/// name (`smile`: one σ along its normal); `-` inside a name joins it only when a letter or
/// `_` follows it directly (`@my-face`), so `@a-@b` and `#1-#2` subtract. A point is a code
/// (`[D]`), a number a scalar: codes add and subtract, scalars multiply and divide them.
package indirect enum LatentExpression: Hashable, Sendable {
  case number(Double)
  /// A name, starting at `column` (1-based, in characters).
  case name(Name, column: Int)
  case negated(LatentExpression, column: Int)
  /// `left op right`, the operator at `column`.
  case binary(LatentExpression, Operator, LatentExpression, column: Int)

  /// What a name in an expression refers to.
  package enum Name: Hashable, Sendable {
    case point(LatentPoint)
    /// An attribute: one σ (its spread) along its unit normal.
    case attribute(String)
  }

  package enum Operator: Character, Hashable, Sendable {
    case plus = "+"
    case minus = "-"
    case times = "*"
    case divided = "/"
  }

  /// The value of an expression: a code or a number.
  package enum Value: Hashable, Sendable {
    case code([Float])
    case scalar(Double)
  }

  /// The code this expression makes, with each name's code from `resolve` (`[D]` each).
  /// - Throws: an ``ExpressionError`` at the column of the name `resolve` refused, of an
  ///   operator whose sides do not fit (`#1 + 2`, `#1 * #2`, `2 / #1`, codes of two lengths,
  ///   division by 0), or at column 1 when the result is a number, not a code.
  package func code(resolve: (Name) throws(LatentError) -> [Float]) throws(ExpressionError)
    -> [Float]
  {
    switch try value(resolve: resolve) {
    case .code(let code): return code
    case .scalar:
      throw ExpressionError(
        column: 1, "the result is a number, not a point (add a point: #0, @mine)")
    }
  }

  /// The value of this expression (see ``code(resolve:)``).
  package func value(resolve: (Name) throws(LatentError) -> [Float]) throws(ExpressionError)
    -> Value
  {
    switch self {
    case .number(let number):
      return .scalar(number)
    case .name(let name, let column):
      do {
        return .code(try resolve(name))
      } catch {
        throw ExpressionError(column: column, error.problem)
      }
    case .negated(let inner, _):
      switch try inner.value(resolve: resolve) {
      case .scalar(let number): return .scalar(-number)
      case .code(let code): return .code(code.map { -$0 })
      }
    case .binary(let left, let op, let right, let column):
      return try Self.apply(
        op, try left.value(resolve: resolve), try right.value(resolve: resolve), column: column)
    }
  }

  private static func apply(_ op: Operator, _ left: Value, _ right: Value, column: Int)
    throws(ExpressionError) -> Value
  {
    switch (op, left, right) {
    case (.plus, .scalar(let a), .scalar(let b)): return .scalar(a + b)
    case (.minus, .scalar(let a), .scalar(let b)): return .scalar(a - b)
    case (.times, .scalar(let a), .scalar(let b)): return .scalar(a * b)
    case (.divided, .scalar(let a), .scalar(let b)):
      guard b != 0 else { throw ExpressionError(column: column, "division by 0") }
      return .scalar(a / b)
    case (.plus, .code(let a), .code(let b)), (.minus, .code(let a), .code(let b)):
      guard a.count == b.count else {
        throw ExpressionError(
          column: column, "points of \(a.count) and \(b.count) dimensions do not add")
      }
      let sign: Float = op == .plus ? 1 : -1
      return .code(a.indices.map { a[$0] + sign * b[$0] })
    case (.times, .scalar(let s), .code(let c)), (.times, .code(let c), .scalar(let s)):
      return .code(c.map { $0 * Float(s) })
    case (.divided, .code(let c), .scalar(let s)):
      guard s != 0 else { throw ExpressionError(column: column, "division by 0") }
      return .code(c.map { $0 / Float(s) })
    case (.plus, _, _), (.minus, _, _):
      throw ExpressionError(
        column: column, "a point and a number do not add (scale the point: 2 * #1)")
    case (.times, _, _):
      throw ExpressionError(column: column, "two points do not multiply (scale one by a number)")
    case (.divided, _, _):
      throw ExpressionError(column: column, "only a number divides (#1 / 2)")
    }
  }
}
