import ArgumentParser

/// The `latent` command: look inside a VAE of faces from the terminal.
@main
struct Latent: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "latent",
    abstract: "Look inside a variational autoencoder of faces from your terminal.",
    subcommands: [BenchCommand.self, ExploreCommand.self])
}
