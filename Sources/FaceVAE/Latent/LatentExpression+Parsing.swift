import LatentBasics

extension LatentExpression {
  /// The longest text parsed, in characters.
  package static let maximumLength = 1000
  /// The deepest nesting of parentheses and signs.
  package static let maximumDepth = 100

  /// Parses `text` (grammar in ``LatentExpression``).
  /// - Throws: an ``ExpressionError`` at the column of the first character or token that
  ///   does not fit, of an unclosed `(`, or past the end when the text stops early.
  package init(parsing text: String) throws(ExpressionError) {
    let characters = Array(text)
    guard characters.count <= Self.maximumLength else {
      throw ExpressionError(
        column: Self.maximumLength + 1, "longer than \(Self.maximumLength) characters")
    }
    var parser = ExpressionParser(characters: characters)
    self = try parser.sum(depth: 0)
    parser.skipSpaces()
    if parser.position < characters.count {
      throw ExpressionError(
        column: parser.position + 1,
        characters[parser.position] == ")"
          ? "')' without its '('"
          : "expected + - * / or the end, found '\(characters[parser.position])'")
    }
  }
}

/// A recursive-descent parser over the characters of an expression.
private struct ExpressionParser {
  let characters: [Character]
  var position = 0

  mutating func skipSpaces() {
    while position < characters.count, characters[position].isWhitespace { position += 1 }
  }

  /// The next character after spaces, if any.
  mutating func peek() -> Character? {
    skipSpaces()
    return position < characters.count ? characters[position] : nil
  }

  mutating func sum(depth: Int) throws(ExpressionError) -> LatentExpression {
    var result = try product(depth: depth)
    while let next = peek(), next == "+" || next == "-" {
      let column = position + 1
      position += 1
      let right = try product(depth: depth)
      result = .binary(result, next == "+" ? .plus : .minus, right, column: column)
    }
    return result
  }

  mutating func product(depth: Int) throws(ExpressionError) -> LatentExpression {
    var result = try unary(depth: depth)
    while let next = peek(), next == "*" || next == "/" || next == "×" {
      let column = position + 1
      position += 1
      let right = try unary(depth: depth)
      result = .binary(result, next == "/" ? .divided : .times, right, column: column)
    }
    return result
  }

  mutating func unary(depth: Int) throws(ExpressionError) -> LatentExpression {
    guard depth < LatentExpression.maximumDepth else {
      throw ExpressionError(
        column: position + 1, "nested deeper than \(LatentExpression.maximumDepth)")
    }
    switch peek() {
    case "-", "−":
      let column = position + 1
      position += 1
      return .negated(try unary(depth: depth + 1), column: column)
    case "+":
      position += 1
      return try unary(depth: depth + 1)
    default:
      return try primary(depth: depth)
    }
  }

  mutating func primary(depth: Int) throws(ExpressionError) -> LatentExpression {
    guard let next = peek() else {
      throw ExpressionError(column: position + 1, "expected a point or a number at the end")
    }
    let column = position + 1
    if next == "(" {
      position += 1
      let inner = try sum(depth: depth + 1)
      guard peek() == ")" else {
        throw ExpressionError(column: column, "'(' is not closed")
      }
      position += 1
      return inner
    }
    if next.isASCII, next.isNumber || next == "." {
      return try number(column: column)
    }
    if Self.isNameCharacter(next) || next == "#" || next == "@" {
      return try name(column: column)
    }
    throw ExpressionError(column: column, "expected a point or a number, found '\(next)'")
  }

  /// Digits with at most one `.`.
  mutating func number(column: Int) throws(ExpressionError) -> LatentExpression {
    let start = position
    while position < characters.count,
      characters[position].isASCII && characters[position].isNumber || characters[position] == "."
    {
      position += 1
    }
    let text = String(characters[start..<position])
    guard let value = Double(text), value.isFinite else {
      throw ExpressionError(column: column, "'\(text)' is not a number")
    }
    return .number(value)
  }

  /// A point or attribute name: `#`/`@` then name characters, `:` and `-` joining a name only
  /// before a letter or `_`.
  mutating func name(column: Int) throws(ExpressionError) -> LatentExpression {
    let start = position
    position += 1
    while position < characters.count {
      let c = characters[position]
      if Self.isNameCharacter(c) || c == ":" {
        position += 1
      } else if c == "-", position + 1 < characters.count,
        characters[position + 1].isLetter || characters[position + 1] == "_"
      {
        position += 1
      } else {
        break
      }
    }
    let text = String(characters[start..<position])
    if text.first == "#" || text.first == "@" || text == "zero" || text.contains(":") {
      do {
        return .name(.point(try LatentPoint(parsing: text)), column: column)
      } catch {
        throw ExpressionError(column: column, error.problem)
      }
    }
    guard text.first?.isLetter == true || text.first == "_" else {
      throw ExpressionError(
        column: column, "'\(text)' is not a point (\(LatentPoint.calculatorForms))")
    }
    return .name(.attribute(text), column: column)
  }

  static func isNameCharacter(_ c: Character) -> Bool {
    c.isLetter || c.isNumber || c == "_"
  }
}

extension LatentPoint {
  /// The forms a point takes in an expression, for messages.
  package static let calculatorForms = "#ID, seed:S, @bookmark, pca:K, sefa:K, zero or an attribute"
}
