import FaceVAE
import LatentBasics

/// The explorer calculator's parser and evaluator (``LatentExpression``). An error's column
/// lies within the text or just past its end, and what parses evaluates (every name a code)
/// without a crash.
enum FuzzTarget {
  static func run(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let expression: LatentExpression
    do {
      expression = try LatentExpression(parsing: text)
    } catch {
      guard error.column >= 1, error.column <= text.count + 1 else {
        fatalError("error column \(error.column) outside a text of \(text.count) characters")
      }
      return
    }
    do {
      _ = try expression.code { name throws(LatentError) in
        if case .attribute("missing") = name { throw LatentError(.usage, "no such name") }
        return [1, -2, 0.5]
      }
    } catch {
      guard error.column >= 1, error.column <= text.count + 1 else {
        fatalError("error column \(error.column) outside a text of \(text.count) characters")
      }
    }
  }

  static func writeSeeds(into folder: String) throws(LatentError) {
    let seeds = [
      "sum": "#12 - #40 + seed:7",
      "scaled": "0.5 * smile",
      "bookmark": "@mine + 2 * sefa:3",
      "nested": "-(#1 + (2 * @my-face - pca:0)) / 4",
      "error": "#12 + (missing * ",
    ]
    for (name, text) in seeds {
      try writeSeed(Array(text.utf8), named: name + ".txt", into: folder)
    }
  }
}
