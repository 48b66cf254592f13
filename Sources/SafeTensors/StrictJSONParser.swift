import LatentBasics

/// A small, strict JSON parser for safetensors headers.
///
/// Strict where Foundation's `JSONSerialization` is lenient: a duplicate key
/// in any object is an error (instead of one value silently winning), lone
/// UTF-16 surrogates in `\u` escapes are errors, and only the RFC 8259
/// grammar is accepted. Nesting is limited to `maximumDepth` so that hostile
/// input cannot exhaust the stack, and the work is linear in the input size.
/// The input must already be valid UTF-8.
package struct StrictJSONParser {
  /// How deeply arrays and objects may nest; a safetensors header needs 3.
  package static let maximumDepth = 64

  private let bytes: [UInt8]
  private var position = 0
  private var depth = 0

  private init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses `bytes` as one JSON value, followed by nothing but whitespace.
  /// - Throws: a ``LatentError`` of kind `container`, `<what> at byte N of the header`.
  package static func parse(_ bytes: [UInt8]) throws(LatentError) -> HeaderJSON {
    var parser = StrictJSONParser(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.parseValue()
    parser.skipWhitespace()
    if parser.position < bytes.count {
      throw Self.syntaxError("unexpected text after the JSON value", at: parser.position)
    }
    return value
  }

  // MARK: Values

  private mutating func parseValue() throws(LatentError) -> HeaderJSON {
    guard let byte = peek() else {
      throw Self.syntaxError("unexpected end of JSON", at: position)
    }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectLiteral("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default:
      throw Self.syntaxError("unexpected character \(describe(byte))", at: position)
    }
  }

  private mutating func parseObject() throws(LatentError) -> HeaderJSON {
    try enterNesting()
    position += 1  // "{"
    var members: [String: HeaderJSON] = [:]
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else {
        throw Self.syntaxError("expected a string key", at: position)
      }
      let keyOffset = position
      let key = try parseString()
      skipWhitespace()
      try expect(UInt8(ascii: ":"), "expected ':' after a key")
      skipWhitespace()
      let value = try parseValue()
      if members.updateValue(value, forKey: key) != nil {
        throw Self.syntaxError("duplicate key '\(key)'", at: keyOffset)
      }
      skipWhitespace()
      if peek() == UInt8(ascii: ",") {
        position += 1
        continue
      }
      try expect(UInt8(ascii: "}"), "expected ',' or '}' in an object")
      depth -= 1
      return .object(members)
    }
  }

  private mutating func parseArray() throws(LatentError) -> HeaderJSON {
    try enterNesting()
    position += 1  // "["
    var elements: [HeaderJSON] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      if peek() == UInt8(ascii: ",") {
        position += 1
        continue
      }
      try expect(UInt8(ascii: "]"), "expected ',' or ']' in an array")
      depth -= 1
      return .array(elements)
    }
  }

  private mutating func enterNesting() throws(LatentError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw Self.syntaxError("JSON nested deeper than \(Self.maximumDepth) levels", at: position)
    }
  }

  // MARK: Numbers

  /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and returns its text.
  private mutating func parseNumber() throws(LatentError) -> String {
    let start = position
    if peek() == UInt8(ascii: "-") { position += 1 }
    if peek() == UInt8(ascii: "0") {
      position += 1
    } else if try skipDigits() == 0 {
      throw Self.syntaxError("expected a digit in a number", at: position)
    }
    if peek() == UInt8(ascii: ".") {
      position += 1
      if try skipDigits() == 0 {
        throw Self.syntaxError("expected a digit after '.' in a number", at: position)
      }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      if try skipDigits() == 0 {
        throw Self.syntaxError("expected a digit in a number's exponent", at: position)
      }
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// Skips decimal digits and returns how many there were.
  private mutating func skipDigits() throws(LatentError) -> Int {
    let start = position
    while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
      position += 1
    }
    return position - start
  }

  // MARK: Strings

  private mutating func parseString() throws(LatentError) -> String {
    let start = position
    position += 1  // opening quote
    var utf8: [UInt8] = []
    while true {
      guard let byte = peek() else {
        throw Self.syntaxError("unterminated string", at: start)
      }
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: utf8, as: UTF8.self)
      case UInt8(ascii: "\\"):
        try parseEscape(into: &utf8)
      case 0..<0x20:
        throw Self.syntaxError("control character \(describe(byte)) in a string", at: position - 1)
      default:
        utf8.append(byte)
      }
    }
  }

  private mutating func parseEscape(into utf8: inout [UInt8]) throws(LatentError) {
    guard let byte = peek() else {
      throw Self.syntaxError("unterminated escape in a string", at: position)
    }
    position += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
    case UInt8(ascii: "b"): utf8.append(0x08)
    case UInt8(ascii: "f"): utf8.append(0x0C)
    case UInt8(ascii: "n"): utf8.append(0x0A)
    case UInt8(ascii: "r"): utf8.append(0x0D)
    case UInt8(ascii: "t"): utf8.append(0x09)
    case UInt8(ascii: "u"):
      let scalar = try parseUnicodeEscape()
      utf8.append(contentsOf: String(Character(scalar)).utf8)
    default:
      throw Self.syntaxError(
        "invalid escape character \(describe(byte)) after a backslash", at: position - 2)
    }
  }

  /// Reads the `XXXX` after `\u`, and a second `\uXXXX` when the first is a high surrogate.
  private mutating func parseUnicodeEscape() throws(LatentError) -> Unicode.Scalar {
    let escapeStart = position - 2
    let first = try parseHexQuad()
    var codePoint = UInt32(first)
    if (0xD800...0xDBFF).contains(first) {
      guard peek() == UInt8(ascii: "\\"), peek(offset: 1) == UInt8(ascii: "u") else {
        throw Self.syntaxError("lone UTF-16 surrogate in a \\u escape", at: escapeStart)
      }
      position += 2
      let second = try parseHexQuad()
      guard (0xDC00...0xDFFF).contains(second) else {
        throw Self.syntaxError("lone UTF-16 surrogate in a \\u escape", at: escapeStart)
      }
      codePoint = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
    }
    guard let scalar = Unicode.Scalar(codePoint) else {
      throw Self.syntaxError("lone UTF-16 surrogate in a \\u escape", at: escapeStart)
    }
    return scalar
  }

  private mutating func parseHexQuad() throws(LatentError) -> UInt16 {
    var value: UInt16 = 0
    for _ in 0..<4 {
      guard let byte = peek(), let digit = Self.hexDigitValue(byte) else {
        throw Self.syntaxError("expected four hex digits after \\u", at: position)
      }
      value = value << 4 | UInt16(digit)
      position += 1
    }
    return value
  }

  /// A refused header: `message at byte N of the header`, with no path (the caller adds it).
  private static func syntaxError(_ message: String, at offset: Int) -> LatentError {
    LatentError(.container, "\(message) at byte \(offset) of the header")
  }

  private static func hexDigitValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  // MARK: Small helpers

  private func peek(offset: Int = 0) -> UInt8? {
    let index = position + offset
    return index < bytes.count ? bytes[index] : nil
  }

  private mutating func skipWhitespace() {
    while let byte = peek(),
      byte == UInt8(ascii: " ") || byte == 0x0A || byte == 0x0D || byte == 0x09
    {
      position += 1
    }
  }

  private mutating func expect(_ byte: UInt8, _ message: String) throws(LatentError) {
    guard peek() == byte else { throw Self.syntaxError(message, at: position) }
    position += 1
  }

  private mutating func expectLiteral(_ literal: String) throws(LatentError) {
    for expected in literal.utf8 {
      guard peek() == expected else {
        throw Self.syntaxError("invalid literal (expected '\(literal)')", at: position)
      }
      position += 1
    }
  }

  /// A byte as a readable character, or as hex when it is not printable ASCII.
  private func describe(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F {
      return "'\(Character(Unicode.Scalar(byte)))'"
    }
    return "0x" + String(byte, radix: 16, uppercase: true)
  }
}
