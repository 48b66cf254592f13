import Foundation
import LatentUI
import Testing

/// README.md and docs/explorer.md carry the key table generated from ``KeyBinding/table``
/// between `<!-- keys:begin -->` and `<!-- keys:end -->`. `make docs` (LATENT_UPDATE_DOCS=1)
/// writes the generated tables into them instead of checking.
@Suite("Key tables in the docs")
struct KeyTableDocsTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let begin = "<!-- keys:begin -->\n"
  static let end = "<!-- keys:end -->"

  @Test(arguments: [("README.md", true), ("docs/explorer.md", false)])
  func docsCarryTheGeneratedTable(_ file: String, compact: Bool) throws {
    let path = Self.root.appendingPathComponent(file).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    guard let start = text.range(of: Self.begin),
      let stop = text.range(of: Self.end, range: start.upperBound..<text.endIndex)
    else {
      Issue.record("\(file): no \(Self.begin.dropLast()) … \(Self.end) markers")
      return
    }
    let generated = KeyBinding.markdown(compact: compact)
    let current = String(text[start.upperBound..<stop.lowerBound])
    if ProcessInfo.processInfo.environment["LATENT_UPDATE_DOCS"] == "1" {
      if current != generated {
        try text.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: generated)
          .write(toFile: path, atomically: true, encoding: .utf8)
      }
      return
    }
    #expect(
      current == generated,
      "\(file): the key table differs from KeyBinding.table; run `make docs`")
  }

  @Test func theFullTableHasARowPerBindingAndTheCompactOneSkipsOtherModes() {
    let full = KeyBinding.markdown(compact: false).split(separator: "\n")
    #expect(full.count == KeyBinding.table.count + 2)
    #expect(
      full.contains(
        "| `Esc` | all | back to Explore; in Explore, clears the status line (never quits) |"))
    #expect(full.contains("| `q` / `Ctrl-C` | all, `?` overlay | quit |"))
    #expect(full.contains("| `↑` `↓` / `k` `j` | Explore | choose a slider |"))
    let compact = KeyBinding.markdown(compact: true)
    #expect(
      compact.contains(
        "| `Esc` | back to Explore; in Explore, clears the status line (never quits) |"))
    #expect(!compact.contains("slerp") && !compact.contains("typed into the line"))
  }
}
