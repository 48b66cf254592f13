import CursesTerminal
import Testing

@Suite("Line moves (when ncurses could scroll faces)")
struct LineMovesTests {
  /// Traverse before the fix: a cursor line `▶` moving down a grid row of three blank lines
  /// is the one line unique on both screens, at another row, so ncurses scrolled.
  @Test func aUniqueLineMovingToAnotherRowIsAScrollAnchor() {
    let blank = "          "
    let old = ["title", "z3", blank, " ▶", blank, "z5", blank, blank, blank, "keys"]
    let new = ["title", "z3", blank, blank, blank, "z5", blank, " ▶", blank, "keys"]
    #expect(LineMoves.mightScroll(from: old, to: new))
  }

  @Test func linesChangingInPlaceOrRepeatedLinesMovingAreNot() {
    let old = ["title", "▸ z1  0.00σ", "  z2  0.00σ", "x", "x", "keys"]
    // The selection moves within lines; the repeated "x" lines are never anchors.
    let new = ["title", "  z1  0.00σ", "▸ z2  0.00σ", "y", "x", "x"]
    #expect(!LineMoves.mightScroll(from: old, to: new))
    #expect(!LineMoves.mightScroll(from: old, to: old))
  }

  @Test func scrolledLabelsAreAnchors() {
    let old = ["σ", "z0", " ", "z1", " ", "z2", " "]
    let new = ["σ", "z1", " ", "z2", " ", "z3", " "]
    #expect(LineMoves.mightScroll(from: old, to: new))
  }
}
