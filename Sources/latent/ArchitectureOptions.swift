import ArgumentParser
import FaceVAE
import LatentBasics
import FoundationEssentials

/// The options that choose a model's architecture: `--config`, `--size`,
/// `--channels`, `--latent`, `--likelihood`.
struct ArchitectureOptions: ParsableArguments {
  @Option(help: "Architecture: conv64 (also conv32, conv128, …), mlp, or a config JSON file.")
  var config: String = "conv64"

  @Option(help: "Image size: 64, or WxH for mlp (default: conv's size; 20x28 for mlp).")
  var size: String?

  @Option(help: "Image channels: 1 (gray) or 3 (RGB). Default: 3 for conv, 1 for mlp.")
  var channels: Int?

  @Option(help: "Latent dimensions. Default: 32 for conv, 20 for mlp.")
  var latent: Int?

  @Option(help: "Likelihood: bernoulli, gaussian or gaussian-learned.")
  var likelihood: String = "bernoulli"

  @Option(help: "σ of the Gaussian likelihood (its start value when learned).")
  var sigma: Float = 0.1

  /// The config these options describe.
  func resolve() throws -> VAEConfig {
    let likelihood: Likelihood
    switch self.likelihood {
    case "bernoulli": likelihood = .bernoulli
    case "gaussian": likelihood = .gaussian(sigma: sigma, learned: false)
    case "gaussian-learned": likelihood = .gaussian(sigma: sigma, learned: true)
    default: throw ValidationError("--likelihood takes bernoulli, gaussian or gaussian-learned")
    }
    let dimensions = try size.map(Self.parseSize)
    if config.hasSuffix(".json") {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: config))
      } catch {
        throw CommandFailure("\(config): cannot read the config file")
      }
      do {
        let parsed = try JSONDecoder().decode(VAEConfig.self, from: data)
        try parsed.validate()
        return parsed
      } catch let error as LatentError {
        throw CommandFailure("\(config): \(error.description)")
      } catch {
        throw CommandFailure("\(config): not a valid config: \(FaceModel.describe(error))")
      }
    }
    do {
      if config == "mlp" {
        let (width, height) = dimensions ?? (20, 28)
        return try .mlp(
          width: width, height: height, channels: channels ?? 1, latent: latent ?? 20,
          likelihood: likelihood)
      }
      guard config.hasPrefix("conv"), let named = Int(config.dropFirst(4)) else {
        throw ValidationError("--config takes conv64 (or conv32, conv128…), mlp, or a .json file")
      }
      if let dimensions, dimensions.0 != dimensions.1 {
        throw ValidationError("conv models are square: give --size as one number")
      }
      return try .conv(
        size: dimensions?.0 ?? named, channels: channels ?? 3, latent: latent ?? 32,
        likelihood: likelihood)
    } catch let error as LatentError {
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

/// A command that failed for a reason the user can act on; printed as one line, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
