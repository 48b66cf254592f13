import ArgumentParser
import FaceVAE
import FoundationEssentials
import LatentBasics

/// The options that choose a model's architecture: `--config`, `--size`,
/// `--channels`, `--latent`, `--likelihood`.
struct ArchitectureOptions: ParsableArguments {
  @Option(
    help: "Architecture: conv64 (also conv32, conv128, …), mlp, or a config JSON file.",
    transform: { text in
      guard let name = ArchitectureName(argument: text) else {
        throw ValidationError("takes conv64 (or conv32, conv128…), mlp, or a .json file")
      }
      return name
    })
  var config: ArchitectureName = .conv(side: 64)

  @Option(help: "Image size: 64, or WxH for mlp (default: conv's size; 20x28 for mlp).")
  var size: String?

  @Option(help: "Image channels: 1 (gray) or 3 (RGB). Default: 3 for conv, 1 for mlp.")
  var channels: Int?

  @Option(help: "Latent dimensions. Default: 32 for conv, 20 for mlp.")
  var latent: Int?

  @Option(help: "Likelihood: bernoulli, gaussian or gaussian-learned.")
  var likelihood: LikelihoodName = .bernoulli

  @Option(help: "σ of the Gaussian likelihood (its start value when learned).")
  var sigma: Float = 0.1

  /// The config these options describe.
  func resolve() throws -> VAEConfig {
    let likelihood = self.likelihood.likelihood(sigma: sigma)
    let dimensions = try size.map(Self.parseSize)
    switch config {
    case .file(let path):
      let bytes = try POSIXFile.readAll(path, maximumBytes: 1 << 20)
      do {
        let parsed = try JSONDecoder().decode(VAEConfig.self, from: Data(bytes))
        try parsed.validate()
        return parsed
      } catch let error as LatentError {
        throw error.about(path)
      } catch {
        throw LatentError(
          .configuration, path: path, "not a valid config: \(FaceModel.describe(error))")
      }
    case .mlp:
      let (width, height) = dimensions ?? (20, 28)
      return try usage { () throws(LatentError) in
        try .mlp(
          width: width, height: height, channels: channels ?? 1, latent: latent ?? 20,
          likelihood: likelihood)
      }
    case .conv(let side):
      if let dimensions, dimensions.0 != dimensions.1 {
        throw ValidationError("conv models are square: give --size as one number")
      }
      return try usage { () throws(LatentError) in
        try .conv(
          size: dimensions?.0 ?? side, channels: channels ?? 3, latent: latent ?? 32,
          likelihood: likelihood)
      }
    }
  }

  /// A stock config from these options; one they cannot describe is a usage error.
  private func usage(_ make: () throws(LatentError) -> VAEConfig) throws -> VAEConfig {
    do {
      return try make()
    } catch {
      throw ValidationError(error.description)
    }
  }

  /// `64` → (64, 64); `20x28` → (20, 28).
  static func parseSize(_ text: String) throws -> (Int, Int) {
    let parts = text.lowercased().split(separator: "x").map { Int($0) }
    switch parts.count {
    case 1: if let s = parts[0], s > 0 { return (s, s) }
    case 2: if let w = parts[0], let h = parts[1], w > 0, h > 0 { return (w, h) }
    default: break
    }
    throw ValidationError("--size takes a number (64) or WxH (20x28), not '\(text)'")
  }
}
