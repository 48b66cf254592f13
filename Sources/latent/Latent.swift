import ArgumentParser
import Glibc
import LatentBasics
import NeuralCore

/// The `latent` command: look inside a VAE of faces from the terminal.
@main
struct Latent: ParsableCommand {
  /// The program's version, as `latent --version` prints it.
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "latent",
    abstract: "Look inside a variational autoencoder of faces from your terminal.",
    discussion: """
      Train a VAE on a folder of face images (or on faces latent draws itself), \
      then inspect it. Exit codes: 0 success, 1 failure (the message names the \
      file and the problem), 2 usage error.
      """,
    version: version,
    subcommands: [
      ExploreCommand.self, TrainCommand.self, InfoCommand.self, SampleCommand.self,
      InterpolateCommand.self,
      TraverseCommand.self, EncodeCommand.self, ReconstructCommand.self, EvaluateCommand.self,
      ShowCommand.self,
      AttributeCommand.self, DirectionsCommand.self, BookmarkCommand.self, ClassifyCommand.self,
      BenchCommand.self, ParityCommand.self,
    ])

  /// Runs the command line; every error ends here (``exit(for:)``).
  static func main() {
    do {
      let arguments = Array(CommandLine.arguments.dropFirst())
      let names = configuration.subcommands.map { $0._commandName } + ["help"]
      if let unknown = SubcommandSuggestion.unknownSubcommand(arguments.first, among: names) {
        throw unknown
      }
      var command = try parseAsRoot(arguments)
      if command is ComputingCommand {
        try BLAS.requireLibrary()
        try KernelLevel.checkSetting()
      }
      try command.run()
    } catch {
      exit(for: error)
    }
  }

  /// The one place errors become what the user sees: a ``LatentError`` prints as one line,
  /// exit status 2 for a usage error and 1 for any other; ArgumentParser's usage errors print
  /// with the usage and exit 2; help and `--version` print and exit 0.
  static func exit(for error: Error) -> Never {
    if let error = error as? LatentError {
      StandardStream.error("Error: \(error)\n")
      Glibc.exit(error.kind == .usage ? 2 : 1)
    }
    switch exitCode(for: error) {
    case .validationFailure:
      StandardStream.error(fullMessage(for: error) + "\n")
      Glibc.exit(2)
    case .success:
      exit(withError: error)
    default:
      if error is ExitCode { exit(withError: error) }
      // An error of a module that has no LatentError yet: its description, on one line.
      let line = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
      StandardStream.error("Error: \(line)\n")
      Glibc.exit(1)
    }
  }
}
