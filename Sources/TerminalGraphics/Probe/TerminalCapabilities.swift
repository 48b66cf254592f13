/// What the terminal can show, from its replies, its environment and its window size.
package struct TerminalCapabilities: Hashable, Sendable {
  /// The replies to the probe's queries (empty when nothing answered).
  package var replies: TerminalReplies
  /// `COLORTERM` is `truecolor` or `24bit`.
  package var truecolor: Bool
  /// The value of `TERM`, if set.
  package var term: String?
  /// `TMUX` is set: pixel graphics would need tmux passthrough.
  package var insideTmux: Bool
  /// The cell size from TIOCGWINSZ, when the kernel knows the window's pixel size.
  package var windowCellSize: CellPixelSize?

  /// Capabilities from probe replies, environment variables and the window's cell size.
  package init(
    replies: TerminalReplies, environment: [String: String], windowCellSize: CellPixelSize?
  ) {
    self.replies = replies
    let colorTerm = environment["COLORTERM"]?.lowercased()
    self.truecolor = colorTerm == "truecolor" || colorTerm == "24bit"
    self.term = environment["TERM"]
    self.insideTmux = !(environment["TMUX"] ?? "").isEmpty
    self.windowCellSize = windowCellSize
  }

  /// The cell size to lay pixels out with: TIOCGWINSZ, else `CSI 16 t`, else 10×20.
  package var cellPixelSize: CellPixelSize {
    windowCellSize ?? replies.cellPixelSize ?? .fallback
  }

  /// The largest sixel palette the terminal accepts (XTSMGRAPHICS), at most 256.
  package var sixelPaletteSize: Int {
    min(max(replies.colorRegisters ?? 256, 2), 256)
  }

  /// Whether the terminal has no colour or cursor addressing (`TERM` unset, empty or dumb).
  package var isDumb: Bool {
    guard let term, !term.isEmpty else { return true }
    return term == "dumb"
  }
}
