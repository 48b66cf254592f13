import ArgumentParser
import ImageIO

/// Options of the commands that write animated GIFs: frame time, loop count and dithering.
struct GIFOptions: ParsableArguments {
  @Option(help: "GIF frame time in hundredths of a second.")
  var delay = 8

  @Option(help: "GIF dithering: none, ordered or floyd-steinberg.")
  var dither: GIFDithering = .none

  @Option(help: "How many times the GIF plays (0 = forever).")
  var loop = 0

  func validate() throws {
    guard (0...65535).contains(loop) else {
      throw ValidationError("--loop must be 0...65535 (0 = forever), not \(loop)")
    }
    guard (1...6000).contains(delay) else {
      throw ValidationError("--delay must be 1...6000 hundredths of a second, not \(delay)")
    }
  }
}

extension GIFDithering: ExpressibleByArgument {}
