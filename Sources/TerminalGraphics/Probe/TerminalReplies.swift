/// What a terminal answered to the probe's queries; nil where it did not answer.
package struct TerminalReplies: Hashable, Sendable {
  /// The DA1 attributes (`CSI ? a;b;… c`); 4 means sixel. Its arrival ends the probe.
  package var primaryAttributes: [Int]?
  /// Sixel colour registers from XTSMGRAPHICS (`CSI ? 1 ; 0 ; N S`).
  package var colorRegisters: Int?
  /// Whether the kitty graphics query was answered `OK` (false for an error reply).
  package var kittyGraphics: Bool?
  /// The cell size in pixels from `CSI 6 ; height ; width t`.
  package var cellPixelSize: CellPixelSize?

  /// No replies at all.
  package init() {}

  /// Whether the sentinel (DA1) reply has arrived, so nothing more is coming.
  package var isComplete: Bool { primaryAttributes != nil }

  /// Whether DA1 lists attribute 4 (sixel graphics).
  package var advertisesSixel: Bool { primaryAttributes?.contains(4) ?? false }
}
