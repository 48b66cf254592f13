import LatentBasics

/// Small text pieces the screen is made of: numbers, bars, sparklines, the mode bar.
package enum RenderText {
  /// `+1.20σ`, ` 0.00σ`, `-1.75σ`.
  package static func sigma(_ value: Float) -> String {
    let hundredths = Int((Double(value) * 100).rounded())
    let magnitude = String(format: "%.2f", Double(abs(hundredths)) / 100)
    let sign = hundredths > 0 ? "+" : hundredths < 0 ? "-" : " "
    return "\(sign)\(magnitude)σ"
  }

  /// A bar of `width` cells filled to `fraction` with eighth blocks.
  package static func bar(_ fraction: Double, width: Int) -> String {
    let eighths = Int((min(max(fraction, 0), 1) * Double(width * 8)).rounded())
    let partial: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    var text = String(repeating: "█", count: eighths / 8)
    if eighths / 8 < width { text.append(partial[eighths % 8]) }
    return text.padded(to: width)
  }

  /// The last `width` values as a sparkline (▁…█), scaled to their own range.
  package static func sparkline(_ values: [Double], width: Int) -> String {
    let tail = values.suffix(width).filter(\.isFinite)
    guard let low = tail.min(), let high = tail.max() else { return "" }
    let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    return String(
      tail.map { value in
        high > low ? levels[Int((value - low) / (high - low) * 7)] : levels[3]
      })
  }

  /// `m:ss` for a duration in seconds (`--:--` when unknown).
  package static func clock(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "--:--" }
    let s = Int(seconds.rounded())
    return String(format: "%d:%02d", s / 60, s % 60)
  }

  /// The mode bar's labels and the columns each occupies on the tabs row.
  package static func tabSpans() -> [(mode: AppMode, text: String, range: Range<Int>)] {
    var column = 1
    return AppMode.allCases.map { mode in
      let text = "[\(mode.key)]\(mode.title.dropFirst())"
      defer { column += text.count + 2 }
      return (mode, text, column..<(column + text.count))
    }
  }

  /// A Browse caption, `#24 · smiling` (`#24` without a label), cut to `width` characters
  /// with `…` when longer.
  package static func browseCaption(index: Int, label: String?, width: Int) -> String {
    let text = "#\(index)" + (label.map { " · \($0)" } ?? "")
    guard text.count > width else { return text }
    return width > 1 ? text.prefix(width - 1) + "…" : String(text.prefix(max(0, width)))
  }

  /// One-decimal number.
  package static func decimal(_ value: Double, digits: Int = 1) -> String {
    String(format: "%.\(digits)f", value)
  }

  /// `text` within `width` characters: while it is longer, its longest path (a word with a
  /// `/`) becomes `…/` and its last component, so that the file's name and the whole reason
  /// stay; text without paths to shorten comes back as it is.
  package static func fitted(_ text: String, width: Int) -> String {
    var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    var length = text.count
    while length > width {
      let candidates = words.indices.filter {
        let parts = words[$0].split(separator: "/")
        return parts.count > 1 && !words[$0].hasPrefix("…/")
      }
      guard let longest = candidates.max(by: { words[$0].count < words[$1].count }) else { break }
      let shortened = "…/" + (words[longest].split(separator: "/").last ?? "")
      length -= words[longest].count - shortened.count
      words[longest] = shortened
    }
    return words.joined(separator: " ")
  }
}
