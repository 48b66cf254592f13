import LatentBasics

/// The key table as text: overlay lines, the hint line and Markdown for the docs.
extension KeyBinding {
  /// The keys as the overlay shows them, the commands' first keys, then their second ones:
  /// `↑ ↓ / k j`.
  package var keysLabel: String { keysText { $0.label } }

  /// The keys for the hint line: the commands' first keys, as `↑↓`, `H/L`, `PgUp/PgDn`.
  package var hintLabel: String {
    let first = commands.compactMap(\.triggers.first)
    let glyphsOnly = first.allSatisfy(\.isGlyph)
    let lettersOnly = first.allSatisfy { $0.label.allSatisfy(\.isLetter) }
    return first.map(\.label).joined(separator: glyphsOnly && !lettersOnly ? "" : "/")
  }

  /// The first key that does `action`, for messages that name it (`t`, `space`).
  package static func key(for action: KeyAction) -> String {
    table.lazy.flatMap(\.commands).first { $0.action == action }?.triggers.first?.label ?? "?"
  }

  /// The hint line of `context`: `↑↓ dim  ←→ ±0.1σ  …  q quit`.
  package static func hintLine(for context: KeyContext) -> String {
    table.filter { $0.contexts.contains(context) }
      .compactMap { binding in binding.hint.map { "\(binding.hintLabel) \($0)" } }
      .joined(separator: "  ")
  }

  /// The `?` overlay's lines in `mode`: the mode's bindings, then the overlay's own, keys in
  /// a column of their own.
  package static func overlayLines(for mode: AppMode) -> [String] {
    let context = KeyContext(mode)
    let bindings =
      table.filter { $0.contexts.contains(context) }
      + table.filter { $0.contexts.contains(.help) && !$0.contexts.contains(context) }
    let width = bindings.map(\.keysLabel.count).max() ?? 0
    return bindings.map { $0.keysLabel.padded(to: width + 2) + $0.help }
  }

  /// The table as Markdown, generated into README.md (`compact`: the keys of Explore and of
  /// every mode, without a "Where" column) and docs/explorer.md (every binding).
  package static func markdown(compact: Bool) -> String {
    var lines: [String]
    let rows: [KeyBinding]
    if compact {
      lines = ["| keys | |", "| --- | --- |"]
      rows = table.filter { binding in
        let modes = binding.contexts.filter(KeyContext.modes.contains)
        return modes.contains(.explore) || modes.count > 1
      }
    } else {
      lines = ["| Key | Where | Does |", "| --- | --- | --- |"]
      rows = table
    }
    for binding in rows {
      let keys = binding.keysText { trigger in
        if case .key = trigger { "`\(trigger.label)`" } else { trigger.label }
      }
      if compact {
        lines.append("| \(keys) | \(binding.help) |")
      } else {
        lines.append("| \(keys) | \(binding.whereText) | \(binding.help) |")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The contexts for the docs: `all` for every mode, then the others by name.
  private var whereText: String {
    let names = contexts.filter { !KeyContext.modes.contains($0) }.map { context in
      context == .help ? "`?` overlay" : context.title
    }
    let modes = contexts.filter(KeyContext.modes.contains)
    let head = modes.count == KeyContext.modes.count ? ["all"] : modes.map(\.title)
    return (head + names).joined(separator: ", ")
  }

  /// The n-th keys of every command joined by spaces, for n = 0, 1, …, joined by ` / `.
  private func keysText(_ text: (KeyTrigger) -> String) -> String {
    let depth = commands.map(\.triggers.count).max() ?? 0
    return (0..<depth).map { n in
      commands.compactMap { n < $0.triggers.count ? text($0.triggers[n]) : nil }
        .joined(separator: " ")
    }.joined(separator: " / ")
  }
}
