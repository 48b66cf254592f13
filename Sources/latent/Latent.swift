import ArgumentParser
import CCPUFeatures
import Glibc

/// The `latent` command: look inside a VAE of faces from the terminal.
@main
struct Latent: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "latent",
    abstract: "Look inside a variational autoencoder of faces from your terminal.",
    discussion: """
      Train a VAE on a folder of face images (or on faces latent draws itself), \
      then inspect it. Exit codes: 0 success, 1 failure (the message names the \
      file and the problem), 2 usage error.
      """,
    subcommands: [
      ExploreCommand.self, TrainCommand.self, InfoCommand.self, SampleCommand.self, InterpolateCommand.self,
      TraverseCommand.self, EncodeCommand.self, ReconstructCommand.self, ShowCommand.self,
      AttributeCommand.self, ClassifyCommand.self, BenchCommand.self, ParityCommand.self,
    ])

  /// Runs the command line; usage errors exit with 2 instead of ArgumentParser's 64.
  static func main() {
    #if LATENT_NEEDS_AVX2_FMA
      // The compute modules use AVX2 and FMA; without them the first face would crash.
      guard latent_cpu_has_avx2_fma() != 0 else {
        StandardStream.error(
          "latent: this build needs a CPU with AVX2 and FMA (x86-64-v3), which this one lacks;"
            + " rebuild it with `make PORTABLE=1`\n")
        Glibc.exit(1)
      }
    #endif
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        StandardStream.error(fullMessage(for: error) + "\n")
        Glibc.exit(2)
      }
      exit(withError: error)
    }
  }
}
