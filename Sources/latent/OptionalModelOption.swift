import ArgumentParser

/// `--model FILE` for the commands that can do without one (`explore` opens a default model,
/// `show` draws an image file instead, `info` also takes the file as an argument).
struct OptionalModelOption: ParsableArguments {
  /// The model file, as named on the command line, if it was.
  @Option(name: .customLong("model"), help: ModelOption.help)
  var path: String?
}
