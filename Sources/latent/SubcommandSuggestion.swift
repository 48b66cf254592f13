import LatentBasics

/// The subcommand a mistyped one was most likely meant to be (`sampel` → `sample`).
enum SubcommandSuggestion {
  /// The usage error for `word` when it stands where a subcommand belongs but names none of
  /// `names`; nil when it names one (or is an option, or there is no word).
  static func unknownSubcommand(_ word: String?, among names: [String]) -> LatentError? {
    guard let word, !word.hasPrefix("-"), !names.contains(word) else { return nil }
    let hint = nearest(to: word, among: names).map { "; did you mean '\($0)'?" } ?? ""
    return LatentError(
      .usage, "unknown command '\(word)'\(hint) (latent --help lists the commands)")
  }

  /// The name within edit distance 2 of `word` (or sharing its first four letters) that is
  /// closest to it, if any.
  static func nearest(to word: String, among names: [String]) -> String? {
    let scored = names.map { (name: $0, distance: editDistance(word.lowercased(), $0)) }
    guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
    if best.distance <= 2 || (word.count >= 4 && best.name.hasPrefix(word.lowercased().prefix(4))) {
      return best.name
    }
    return nil
  }

  /// Levenshtein distance (insertions, deletions, substitutions; a swap of neighbours counts 1).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let substitution = table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, substitution)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          best = min(best, table[i - 2][j - 2] + 1)
        }
        table[i][j] = best
      }
    }
    return table[a.count][b.count]
  }
}
