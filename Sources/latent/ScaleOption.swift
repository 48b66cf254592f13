import ArgumentParser

/// `--scale`: how much the commands that write faces enlarge them.
struct ScaleOption: ParsableArguments {
  @Option(help: "Upscale every face by this whole factor (default: to about 64 pixels high).")
  var scale: Int?

  func validate() throws {
    if let scale, !(1...32).contains(scale) {
      throw ValidationError("--scale must be 1...32, not \(scale)")
    }
  }
}
