import LatentBasics
import SafeTensors
import Testing

/// The header's JSON parser: the RFC 8259 grammar, no duplicate keys, bounded nesting.
@Suite("Strict JSON parser")
struct StrictJSONParserTests {
  static func parse(_ text: String) throws(LatentError) -> HeaderJSON {
    try StrictJSONParser.parse(Array(text.utf8))
  }

  @Test func parsesEveryKindOfValue() throws {
    let value = try Self.parse(
      #" {"a": [1, -0, 2.5e-3, true, false, null, "x"], "b": {}, "c": []} "#)
    let expected = HeaderJSON.object([
      "a": .array([
        .number("1"), .number("-0"), .number("2.5e-3"), .bool(true), .bool(false), .null,
        .string("x"),
      ]),
      "b": .object([:]),
      "c": .array([]),
    ])
    #expect(value == expected)
  }

  @Test func decodesEscapes() throws {
    let value = try Self.parse(#""q\" b\\ s\/ \b\f\n\r\t \u0041\u00e9\u20ac \ud83d\ude00""#)
    #expect(value == .string("q\" b\\ s/ \u{08}\u{0C}\n\r\t Aé€ 😀"))
  }

  @Test(arguments: [
    ("01", "unexpected text"),
    ("1.", "after '.'"),
    ("-", "expected a digit"),
    ("1e", "exponent"),
    ("+1", "unexpected character '+'"),
    (".5", "unexpected character '.'"),
    ("[1,]", "unexpected character ']'"),
    ("[1 2]", "expected ',' or ']'"),
    ("{\"a\" 1}", "expected ':'"),
    ("{\"a\":1,}", "expected a string key"),
    ("{a:1}", "expected a string key"),
    ("\"abc", "unterminated string"),
    ("\"a\u{01}\"", "control character 0x1"),
    ("\"\\x\"", "invalid escape character 'x'"),
    ("\"\\u12\"", "four hex digits"),
    ("\"\\ud800\"", "lone UTF-16 surrogate"),
    ("\"\\udc00\"", "lone UTF-16 surrogate"),
    ("\"\\ud800\\u0041\"", "lone UTF-16 surrogate"),
    ("tru", "expected 'true'"),
    ("nul", "expected 'null'"),
    ("", "unexpected end"),
    ("{} {}", "unexpected text after"),
    ("{\"k\":1,\"k\":2}", "duplicate key 'k'"),
    ("[{\"k\":{\"x\":1,\"x\":1}}]", "duplicate key 'x'"),
  ])
  func rejectsInvalidJSON(text: String, keyword: String) {
    #expect {
      _ = try Self.parse(text)
    } throws: { error in
      let message = (error as? LatentError)?.description ?? ""
      return message.contains(keyword)
    }
  }

  @Test func duplicateKeyErrorPointsAtTheSecondKey() {
    #expect(throws: LatentError(.container, "duplicate key 'k' at byte 7 of the header")) {
      _ = try Self.parse(#"{"k":1,"k":2}"#)
    }
  }

  @Test func nestingIsLimitedButTheLimitItselfIsAllowed() throws {
    let limit = StrictJSONParser.maximumDepth
    let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(throws: Never.self) { _ = try Self.parse(deepest) }
    let tooDeep =
      String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
    #expect(throws: LatentError.self) { _ = try Self.parse(tooDeep) }
    let hostile = String(repeating: "{\"a\":", count: 1_000_000)
    #expect(throws: LatentError.self) { _ = try Self.parse(hostile) }
  }

  @Test func integersAreReadWithoutRounding() {
    #expect(HeaderJSON.number("0").nonNegativeInteger == .value(0))
    #expect(HeaderJSON.number("-0").nonNegativeInteger == .value(0))
    #expect(HeaderJSON.number("9223372036854775807").nonNegativeInteger == .value(Int.max))
    #expect(HeaderJSON.number("9223372036854775808").nonNegativeInteger == .tooLarge)
    #expect(HeaderJSON.number("-3").nonNegativeInteger == .negative)
    #expect(HeaderJSON.number("3.0").nonNegativeInteger == .notAnInteger)
    #expect(HeaderJSON.number("3e0").nonNegativeInteger == .notAnInteger)
    #expect(HeaderJSON.string("3").nonNegativeInteger == .notAnInteger)
  }
}
