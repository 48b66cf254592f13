/// The drawing mode picked for a terminal, with the reasons a user may want to read.
package struct GraphicsChoice: Hashable, Sendable {
  /// The mode to draw with; never ``GraphicsMode/auto``.
  package var mode: GraphicsMode
  /// One line per decision worth telling (e.g. why pixels are not used inside tmux).
  package var notes: [String]

  /// A choice of `mode` with `notes`.
  package init(mode: GraphicsMode, notes: [String] = []) {
    precondition(mode != .auto, "a choice names a concrete mode")
    self.mode = mode
    self.notes = notes
  }
}
