import ArgumentParser

/// `--seed`: the seed of everything random a command does (the same seed, the same result).
struct SeedOption: ParsableArguments {
  @Option(name: .customLong("seed"), help: "Random seed: the same seed gives the same result.")
  var value: UInt64 = 1
}
