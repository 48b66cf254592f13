import ArgumentParser
import FaceData
import FaceVAE
import ImageIO
import LatentBasics

/// `latent evaluate`: how well a model explains held-out faces (ELBO) and how close its
/// reconstructions come (mean absolute error, PSNR), folder by folder.
struct EvaluateCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Measure a model on held-out faces: ELBO, mean absolute error and PSNR.",
    discussion: """
      For each --data folder, takes the faces the model's training held out (the files its \
      training record names; for files without that record, the faces `latent train` holds \
      out with the same --validation and --seed; --hold-out names others, --all takes every \
      face; each folder split on its own) and \
      prints one line: the ELBO in nats per image (higher is better; one sample per image \
      with fixed noise, as training's validation ELBO), and the reconstructions' mean \
      absolute error in 8-bit levels and PSNR in dB (peak 255, from the mean squared error \
      over all their pixels). A reconstruction is the decoder's mean for the encoder's mean \
      code. With several folders a last line gives all of them together.

      Example:
        latent evaluate --model Models/faces64.safetensors \\
          --data ../shared/datasets/frl_faces_color_128 --data ../shared/datasets/fairface540
      """)

  @OptionGroup var model: ModelOption

  @OptionGroup var data: DataOption

  @Option(help: "Fraction of each folder held out, as `latent train --validation`.")
  var validation: Double = 0.1

  /// The seed of the held-out split, as `latent train --seed`.
  @OptionGroup var seed: SeedOption

  @OptionGroup var heldOut: HeldOutListOption

  @Flag(help: "Measure every face of the folders, not only the held-out ones.")
  var all = false

  func validate() throws {
    guard validation > 0, validation < 1 else {
      throw ValidationError("--validation must be in (0, 1)")
    }
  }

  func run() throws {
    let face = try model.load()
    let config = face.config
    let loads = try data.loadEach(
      Preprocessing(width: config.width, height: config.height, channels: config.channels))
    let names = try heldOut.names(in: loads.map(\.dataset))
    let recorded = heldOut.recorded(by: face.training)
    var measured = [FaceDataset]()
    for (source, load) in zip(data.sources, loads) {
      for skipped in load.skipped { StandardStream.error("skipped \(skipped)\n") }
      let faces =
        all
        ? load.dataset
        : FaceDataset.split(
          [load.dataset], validationFraction: validation, seed: seed.value, heldOutNames: names,
          recordedNames: recorded
        ).validation
      guard faces.count > 0 else {
        throw LatentError(.data, path: source, "no faces held out: raise --validation or use --all")
      }
      print(line(source, faces, face))
      measured.append(faces)
    }
    if measured.count > 1 {
      print(line("all", FaceDataset(joining: measured), face))
    }
  }

  /// `NAME  N faces  ELBO …  recon …  KL …  MAE …/255  PSNR … dB`, tab-separated.
  private func line(_ name: String, _ faces: FaceDataset, _ face: FaceModel) -> String {
    let loss = Trainer.evaluate(model: face.vae, images: faces, batchSize: 64)
    let error = face.reconstructionError(on: faces)
    let kind = all ? "faces" : "held-out faces"
    return [
      name, "\(faces.count) \(kind)", String(format: "ELBO %.2f", loss.elbo),
      String(format: "recon %.2f", loss.reconstruction), String(format: "KL %.2f", loss.kl),
      String(format: "MAE %.3f/255", error.meanAbsolute * 255),
      String(format: "PSNR %.3f dB", error.peakSignalToNoise),
    ].joined(separator: "\t")
  }
}
