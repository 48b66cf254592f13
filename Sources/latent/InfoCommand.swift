import ArgumentParser
import FaceVAE
import FoundationEssentials
import LatentBasics
import NeuralCore

/// `latent info`: what a model file holds.
struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Describe a model file: architecture, training record, latent dimensions.")

  @Argument(help: "The model file (.safetensors); or give it with --model.")
  var file: String?

  @OptionGroup var model: OptionalModelOption

  @Flag(help: "Print one JSON object instead of text.")
  var json = false

  func validate() throws {
    guard (file == nil) != (model.path == nil) else {
      throw ValidationError("name the model file, as an argument or with --model (once)")
    }
  }

  func run() throws {
    let path = file ?? model.path ?? ""
    let face = try FaceModel.load(from: path)
    let summary = ModelSummary(path: path, model: face)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(summary), as: UTF8.self))
    } else {
      print(summary.text)
    }
  }
}

/// The facts `latent info` reports, as text or JSON.
struct ModelSummary: Encodable {
  let path: String
  let config: VAEConfig
  let parameters: Int
  let training: TrainingRecord?
  let validationELBO: Double?
  let dimensionsByKL: [Int]
  let klPerDimension: [Float]?
  let attributes: [String]
  /// Held-out accuracy and spread of the attributes fitted as boundaries, by name.
  let attributeBoundaries: [String: BoundarySummary]
  /// The stored direction banks, by name.
  let directions: [String: DirectionSummary]
  let storedFaces: Int
  /// Adam's step count when the file carries its optimizer state (a resume continues it).
  let optimizerSteps: Int?

  init(path: String, model: FaceModel) {
    self.path = path
    config = model.config
    parameters = model.vae.parameterCount
    training = model.training
    validationELBO = model.training?.epochs.last?.validationELBO
    dimensionsByKL = model.dimensionsByKL
    klPerDimension = model.klPerDimension
    attributes = model.attributes.keys.sorted()
    attributeBoundaries = model.attributeBoundaries.filter {
      model.attributes[$0.key] == $0.value.normal
    }
    .mapValues {
      BoundarySummary(accuracy: $0.accuracy, heldOutFaces: $0.heldOutFaces, spread: $0.spread)
    }
    directions = model.directions.mapValues {
      DirectionSummary(count: $0.count, scales: $0.scales, eigenvalues: $0.eigenvalues)
    }
    storedFaces = model.storedFaces
    optimizerSteps = model.trainingState?.optimizer.step
  }

  private enum CodingKeys: String, CodingKey {
    case path, config, parameters, training
    case validationELBO = "val_elbo"
    case dimensionsByKL = "dims_by_kl"
    case klPerDimension = "kl_per_dim"
    case attributes
    case attributeBoundaries = "attribute_boundaries"
    case directions
    case storedFaces = "stored_faces"
    case optimizerSteps = "optimizer_steps"
  }

  /// How images reach the encoder and leave the decoder (format 2 files).
  private var mappingDescription: String {
    func list(_ values: [Float]) -> String {
      values.map { String(format: "%g", Double($0)) }.joined(separator: ",")
    }
    let input =
      config.inputNormalization.map { "input (x − [\(list($0.mean))]) / [\(list($0.std))]" }
      ?? "input [0, 1]"
    let output: String
    switch config.likelihood {
    case .bernoulli: output = "output logits → sigmoid"
    case .gaussian:
      let range = config.outputRange ?? 0...1
      output =
        "output on [\(list([range.lowerBound])), \(list([range.upperBound]))] → [0, 1]"
    }
    let heads = config.heads(features: 1)
    let names = [heads.mean.first?.name, heads.logVariance.first?.name].compactMap { $0 }
    return "\(input); \(output); heads \(names.joined(separator: ", "))"
  }

  /// A few lines for a person.
  var text: String {
    var lines = [
      "\(path)",
      "  model      \(config.name): \(config.channels)×\(config.height)×\(config.width) images, "
        + "\(config.latentDimensions) latents, \(config.likelihood.name) likelihood, \(parameters) parameters",
    ]
    if config.needsFormatTwo {
      lines.append("  mapping    " + mappingDescription)
    }
    if let training {
      let last = training.epochs.last
      lines.append(
        "  trained    on \(training.data): \(training.images) images (+\(training.validationImages) held out), "
          + "\(training.epochs.count) epochs, batch \(training.settings.batchSize), lr \(training.settings.optimizer.learningRate), β \(training.settings.beta), seed \(training.settings.seed)"
      )
      if let last {
        let validation =
          last.validationELBO.map { String(format: ", validation ELBO %.2f", $0) } ?? ""
        lines.append(
          String(format: "  last epoch train ELBO %.2f", last.trainELBO) + validation
            + String(format: " nats/image (recon %.2f, KL %.2f)", last.reconstruction, last.kl))
      }
    } else {
      lines.append("  trained    (no training record)")
    }
    if let kl = klPerDimension {
      let top = dimensionsByKL.prefix(12).map { String(format: "z%d %.2f", $0, kl[$0]) }
      let active = kl.filter { $0 > 0.05 }.count
      lines.append(
        "  latents    \(active) of \(kl.count) active (KL > 0.05 nats); by KL: \(top.joined(separator: ", "))"
      )
    }
    let attributeList = attributes.map { name in
      attributeBoundaries[name].map {
        name
          + String(
            format: " (logistic: held-out accuracy %.3f of %d, σ %.3g)", $0.accuracy,
            $0.heldOutFaces, $0.spread)
      } ?? name
    }
    lines.append(
      "  attributes \(attributes.isEmpty ? "none" : attributeList.joined(separator: ", "))")
    let banks = directions.keys.sorted().map { name in
      let bank = directions[name]
      return "\(name) (\(bank?.count ?? 0))"
    }
    lines.append("  directions \(banks.isEmpty ? "none" : banks.joined(separator: ", "))")
    lines.append("  faces      \(storedFaces) stored codes")
    lines.append(
      optimizerSteps.map { "  optimizer  Adam state after \($0) steps (--resume continues it)" }
        ?? "  optimizer  none stored (--resume warms the learning rate up)")
    return lines.joined(separator: "\n")
  }
}

/// An attribute boundary in `latent info --json`.
struct BoundarySummary: Encodable {
  let accuracy: Float
  let heldOutFaces: Int
  let spread: Float

  private enum CodingKeys: String, CodingKey {
    case accuracy, spread
    case heldOutFaces = "held_out"
  }
}

/// A direction bank in `latent info --json`.
struct DirectionSummary: Encodable {
  let count: Int
  let scales: [Float]
  let eigenvalues: [Float]?
}
