/// A mouse report in screen cells (0-based).
package struct MouseEvent: Hashable, Sendable {
  /// What the mouse did.
  package enum Action: Hashable, Sendable {
    /// Left button went down.
    case press
    /// Moved with the left button held.
    case drag
    /// Left button came up.
    case release
    /// Wheel turned away from the user.
    case wheelUp
    /// Wheel turned towards the user.
    case wheelDown
  }

  package var action: Action
  package var column: Int
  package var row: Int

  package init(_ action: Action, column: Int, row: Int) {
    self.action = action
    self.column = column
    self.row = row
  }
}
