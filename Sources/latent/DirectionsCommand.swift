import ArgumentParser
import FaceVAE
import FoundationEssentials
import LatentBasics

/// `latent directions`: stores a bank of meaningful directions (PCA or SeFa) in a copy of a model.
struct DirectionsCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "directions",
    abstract: "Find directions in latent space (PCA of the stored codes, or SeFa) and store them.",
    discussion: """
      --method pca: the principal directions of the model's stored codes (GANSpace), by \
      decreasing variance; each one's unit is the codes' standard deviation along it. \
      --method sefa: closed-form directions from the decoder's first Linear weight A (SeFa: \
      with A as [latent, out] and each of its columns scaled to unit length, the eigenvectors \
      of A·Aᵀ by decreasing eigenvalue; no data needed); each one's unit is the stored codes' \
      standard deviation along it (1 without stored codes). The first -n are stored as \
      directions.METHOD ([K, D], unit rows) with their scales and eigenvalues in a copy of the \
      model written atomically to --out; directions of other methods already there are kept. \
      Use them as `traverse --direction sefa:0-7` or as points (sefa:3 = one σ along it).

      Example:
        latent directions --model faces.safetensors --method sefa -n 8 --out faces-dirs.safetensors
      """)

  @OptionGroup var model: ModelOption

  @Option(help: "pca or sefa.")
  var method: FaceModel.DirectionMethod

  @Option(name: .short, help: "How many directions to keep (default: one per latent dimension).")
  var n: Int?

  @Option(
    help: "Where to write the model with the directions (name the model itself to update it).")
  var out: String

  func validate() throws {
    if let n, n < 1 { throw ValidationError("-n must be at least 1, not \(n)") }
  }

  func run() throws {
    let face = try model.load()
    let bank: DirectionBank
    do {
      bank = try face.computeDirections(method, count: n ?? face.vae.latentDimensions)
    } catch {
      throw error.about(model.path)
    }
    face.directions[method.rawValue] = bank
    try face.save(to: out)
    let shown = min(bank.count, 8)
    let eigenvalues = (bank.eigenvalues ?? []).prefix(shown).map { String(format: "%.3g", $0) }
    let scales = bank.scales.prefix(shown).map { String(format: "%.3g", $0) }
    let more = bank.count > shown ? ", …" : ""
    print(
      "\(method.rawValue): \(bank.count) directions; eigenvalues \(eigenvalues.joined(separator: ", "))"
        + "\(more); σ \(scales.joined(separator: ", "))\(more); wrote \(out)")
  }
}

extension FaceModel.DirectionMethod: ExpressibleByArgument {}
