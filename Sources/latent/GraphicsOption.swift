import ArgumentParser
import TerminalGraphics

/// `--graphics`: how faces are drawn in the terminal.
struct GraphicsOption: ParsableArguments {
  @Option(
    name: .customLong("graphics"),
    help:
      "How faces are drawn: auto (ask the terminal), kitty, sixel, truecolor, quadrant, 256 or ascii."
  )
  var mode: GraphicsMode = .auto
}

extension GraphicsMode: ExpressibleByArgument {}
