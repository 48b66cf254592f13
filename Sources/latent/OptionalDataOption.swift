import ArgumentParser

/// `--data` for the explorer, which can do without faces (browsing and background training
/// need them).
struct OptionalDataOption: ParsableArguments {
  /// The folder or `synthetic[:COUNT[:SEED]]`, as named on the command line, if it was.
  @Option(name: .customLong("data"), help: DataOption.help)
  var source: String?
}
