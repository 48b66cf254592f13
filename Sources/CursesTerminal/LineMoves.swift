import LatentUI

/// Whether ncurses could scroll the terminal to get from one screen to the next.
///
/// ncurses moves lines with the terminal's scroll region (or insert and delete line) when a
/// line's text is unique on the old screen and on the new one, at different rows, and grows
/// the moved block from there. The terminal then moves the faces drawn beside ncurses along
/// with the text (sixel and kitty pixels, half-block cells), which leaves them beside the
/// wrong labels. No text line may move, or the backend repaints the whole screen instead
/// (which ncurses does without scrolling).
package enum LineMoves {
  /// Whether a line of `new` is, as the only one of its text, also the only one of its text
  /// in `old`, at another row: the anchor ncurses needs to scroll.
  package static func mightScroll(from old: [String], to new: [String]) -> Bool {
    let oldRows = uniqueRows(old)
    for (text, row) in uniqueRows(new) {
      if let oldRow = oldRows[text], oldRow != row { return true }
    }
    return false
  }

  /// Each text that occurs once in `lines`, with its row.
  private static func uniqueRows(_ lines: [String]) -> [String: Int] {
    var rows: [String: Int] = [:]
    var repeated: Set<String> = []
    for (row, line) in lines.enumerated() where !repeated.contains(line) {
      if rows.removeValue(forKey: line) != nil {
        repeated.insert(line)
      } else {
        rows[line] = row
      }
    }
    return rows
  }
}
