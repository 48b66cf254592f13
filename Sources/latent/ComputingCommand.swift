/// A command that computes products on OpenBLAS: ``Latent/main()`` loads and checks the
/// library before running it, so that a machine without a working OpenBLAS hears so in one
/// line before any work starts (`info`, `show` and help do not need it).
protocol ComputingCommand {}
