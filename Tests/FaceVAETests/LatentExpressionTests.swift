import FaceVAE
import LatentBasics
import Testing

@Suite("The calculator's expressions over named points")
struct LatentExpressionTests {
  /// Codes of two dimensions for the names the tests use.
  static let points: [LatentExpression.Name: [Float]] = [
    .point(.storedFace(12)): [1, 2],
    .point(.storedFace(40)): [0.5, -1],
    .point(.seed(7)): [3, 0],
    .point(.zero): [0, 0],
    .point(.bookmark("mine")): [-1, 1],
    .point(.bookmark("my-face")): [4, 4],
    .point(.direction(bank: "sefa", index: 3)): [0, 0.25],
    .attribute("smile"): [2, 0],
  ]

  func evaluate(_ text: String) throws(ExpressionError) -> [Float] {
    try LatentExpression(parsing: text).code { name throws(LatentError) in
      guard let code = Self.points[name] else { throw LatentError(.usage, "unknown") }
      return code
    }
  }

  func error(_ text: String) -> ExpressionError? {
    do {
      _ = try evaluate(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func theIssuesExamples() throws {
    #expect(try evaluate("#12 - #40 + seed:7") == [3.5, 3])
    #expect(try evaluate("0.5 * smile") == [1, 0])
    #expect(try evaluate("@mine + 2 * sefa:3") == [-1, 1.5])
  }

  @Test func precedenceParenthesesAndSigns() throws {
    #expect(try evaluate("#12 + #40 * 2") == [2, 0])
    #expect(try evaluate("(#12 + #40) * 2") == [3, 2])
    #expect(try evaluate("-#12") == [-1, -2])
    #expect(try evaluate("- - #12") == [1, 2])
    #expect(try evaluate("−(#12 - zero) / 4") == [-0.25, -0.5])
    #expect(try evaluate("(1 + 1) * 3 / 4 * #12") == [1.5, 3])
    #expect(try evaluate("#12-#40") == [0.5, 3])
    #expect(try evaluate("@my-face - @mine") == [5, 3])
  }

  @Test func errorsPointAtTheirColumn() {
    #expect(error("#12 +") == ExpressionError(column: 6, "expected a point or a number at the end"))
    #expect(error("(#12 + #40")?.column == 1)
    #expect(error("#12 )")?.column == 5)
    #expect(error("#12 #40")?.column == 5)
    #expect(error("#12 + 2")?.column == 5)
    #expect(error("#12 * #40")?.column == 5)
    #expect(error("2 / #12")?.column == 3)
    #expect(error("#12 / (1 - 1)")?.column == 5)
    #expect(error("1 + 2")?.column == 1)
    #expect(error("#12 + #x")?.column == 7)
    #expect(error("#12 + seed:no")?.column == 7)
    #expect(error("2 * frown")?.column == 5)
    #expect(error("#12 $ 3")?.column == 5)
    #expect(error("")?.column == 1)
    #expect(error("1.2.3 * #12")?.column == 1)
  }

  @Test func namesParseToPoints() throws {
    #expect(
      try LatentExpression(parsing: "pca:0 + smile")
        == .binary(
          .name(.point(.direction(bank: "pca", index: 0)), column: 1), .plus,
          .name(.attribute("smile"), column: 9), column: 7))
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "(", count: 5000) + "#12" + String(repeating: ")", count: 5000)
    #expect(throws: ExpressionError.self) { try LatentExpression(parsing: deep) }
    let signs = String(repeating: "-", count: 500) + "#12"
    #expect(throws: ExpressionError.self) { try LatentExpression(parsing: signs) }
  }
}
