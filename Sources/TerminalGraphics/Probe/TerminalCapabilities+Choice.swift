extension TerminalCapabilities {
  /// The mode to draw with: `override` when it is not `auto`; otherwise kitty, then
  /// sixel, then truecolour half blocks, then 256-colour half blocks, then ASCII.
  package func choose(override: GraphicsMode = .auto) -> GraphicsChoice {
    if override != .auto {
      return GraphicsChoice(mode: override, notes: ["graphics: \(override.rawValue) (asked for)"])
    }
    let halfBlocks: GraphicsMode = truecolor ? .truecolor : .palette256
    if insideTmux {
      return GraphicsChoice(
        mode: halfBlocks,
        notes: [
          "inside tmux: pixel graphics (sixel, kitty) need tmux passthrough "
            + "(set -g allow-passthrough on); drawing half blocks"
        ])
    }
    if isDumb && !replies.isComplete {
      return GraphicsChoice(mode: .ascii, notes: ["TERM is \(term ?? "unset"): drawing ASCII"])
    }
    if replies.kittyGraphics == true {
      return GraphicsChoice(mode: .kitty, notes: ["terminal answered the kitty graphics query"])
    }
    if replies.advertisesSixel {
      return GraphicsChoice(
        mode: .sixel, notes: ["terminal reports sixel (DA1 4), \(sixelPaletteSize) colours"])
    }
    if !replies.isComplete {
      return GraphicsChoice(
        mode: halfBlocks, notes: ["terminal did not answer the probe: drawing half blocks"])
    }
    return GraphicsChoice(mode: halfBlocks)
  }
}
