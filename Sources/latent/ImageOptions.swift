import ArgumentParser
import ImageIO

/// Options shared by the commands that write faces: upscaling and GIF settings.
struct ImageOptions: ParsableArguments {
  @Option(help: "Upscale every face by this whole factor (default: to about 64 pixels high).")
  var scale: Int?

  @Option(help: "GIF frame time in hundredths of a second.")
  var delay = 8

  @Option(help: "GIF dithering: none, ordered or floyd-steinberg.")
  var dither: GIFDithering = .none

  func validate() throws {
    if let scale, !(1...32).contains(scale) {
      throw ValidationError("--scale must be 1...32, not \(scale)")
    }
    guard (1...6000).contains(delay) else {
      throw ValidationError("--delay must be 1...6000 hundredths of a second, not \(delay)")
    }
  }
}

extension GIFDithering: ExpressibleByArgument {}
