import ArgumentParser
import FaceData
import FaceVAE
import FoundationEssentials
import LatentBasics
import ImageIO
import NeuralCore
import Glibc

/// `latent train`: trains a VAE on a folder of faces (or synthetic ones) and
/// saves it, with its statistics, as one model file.
struct TrainCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a VAE on a folder of face images, or on synthetic faces.",
    discussion: """
      Images are found recursively (PNG and JPEG); a file named 12_03.png has label 12, \
      else the sub-folder names the label. Each image is resized (shorter side), centre-cropped \
      and scaled to [0, 1]. A held-out split gives the validation ELBO (nats per image; higher \
      is better). Several --data folders train one model: each folder is split on its own (the \
      same faces are held out as when it is trained alone) and keeps its own labels (the \
      second folder's labels are numbered after the first's). Ctrl-C stops after the current step, saves what was learned and exits 130.
      Every --checkpoint-every epochs the model, Adam's state and the record so far are saved \
      to --out (atomically), so a killed run loses at most that many epochs: --resume OUT \
      continues it, exactly as if it had not stopped when given the same options (a resumed \
      model holds out the faces its record names, unless --hold-out names others).

      Examples:
        latent train --data ../shared/datasets/frl_faces_color_128 --out faces.safetensors --flip
        latent train --data ../shared/datasets/frl_faces_color_128 --data ../shared/datasets/fairface540 \
          --out faces.safetensors --flip
        latent train --data ../shared/datasets/frey_faces --config mlp --epochs 50 --batch 100 --out frey.safetensors
        latent train --data synthetic --size 32 --epochs 5 --out synthetic.safetensors
      """)

  @OptionGroup var data: DataOption

  @Option(help: "Where to write the model (.safetensors); written atomically.")
  var out: String

  @OptionGroup var architecture: ArchitectureOptions

  @Option(help: "Passes over the training images.")
  var epochs: Int = 20

  @Option(help: "Images per step (default 64; 100 for mlp).")
  var batch: Int?

  @Option(help: "Adam learning rate.")
  var lr: Float = 1e-3

  @Option(help: "Weight of the KL term (β-VAE when above 1).")
  var beta: Float = 1

  @Option(help: "Epochs over which the KL weight rises linearly from 0 to β.")
  var warmup: Int = 0

  @Option(help: "Rescale gradients whose global norm exceeds this.")
  var clip: Float?

  /// Seeds initialisation, split, shuffling and noise.
  @OptionGroup var seed: SeedOption

  @Option(help: "Fraction of images held out for validation.")
  var validation: Double = 0.1

  @OptionGroup var heldOut: HeldOutListOption

  @Flag(help: "Mirror training images left–right at random (augmentation).")
  var flip = false

  @OptionGroup var threads: ThreadsOption

  @Option(
    help: ArgumentHelp(
      "Continue training the model in this file (its architecture wins) with its optimizer state; without one, the learning rate warms up over the first epoch.",
      valueName: "file"))
  var resume: String?

  @Option(
    help: ArgumentHelp(
      "Save a checkpoint (weights, optimizer state, record) to --out every N epochs; 0 = never.",
      valueName: "n"))
  var checkpointEvery: Int = 10

  @Option(help: "Write originals above reconstructions of validation images to this PNG.")
  var preview: String?

  @Flag(help: "Store the weights as F16: half the file size, weights rounded to 11 bits.")
  var half = false

  @Flag(
    help:
      "Leave Adam's state out of the final file (checkpoints keep it): a file for sharing, which --resume continues with a learning-rate warm-up."
  )
  var dropOptimizerState = false

  @Option(
    help: ArgumentHelp(
      "Store a latent direction: NAME=index:K (file index K against the others) or NAME=COLUMN:VALUE[,VALUE…] (needs --metadata). Repeatable.",
      valueName: "name=split"))
  var attribute: [String] = []

  @Option(
    help: ArgumentHelp(
      "A metadata CSV (with a `file` column) for --attribute NAME=COLUMN:VALUE: one for every folder, or one per --data in the same order.",
      valueName: "csv"))
  var metadata: [String] = []

  func validate() throws {
    guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
    guard checkpointEvery >= 0 else {
      throw ValidationError("--checkpoint-every must be 0 (never) or more")
    }
    guard (batch ?? 1) >= 1 else { throw ValidationError("--batch must be at least 1") }
    guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be positive") }
    guard beta >= 0, beta.isFinite else { throw ValidationError("--beta must be 0 or more") }
    guard (0..<1).contains(validation) else {
      throw ValidationError("--validation must be in [0, 1)")
    }
    guard out.hasSuffix(".safetensors") else {
      throw ValidationError("--out must end in .safetensors")
    }
    guard metadata.count <= 1 || metadata.count == data.sources.count else {
      throw ValidationError(
        "give one --metadata for every folder or one per --data (\(data.sources.count)), not \(metadata.count)"
      )
    }
    for entry in attribute {
      let (_, split) = try Self.parseAttribute(entry)
      if case .column = split, metadata.isEmpty {
        throw ValidationError("--attribute \(entry) splits by a CSV column: give --metadata FILE")
      }
    }
  }

  /// `smile=index:1` → ("smile", .index(1)); `female=gender:female,Female` →
  /// ("female", .column("gender", ["female", "Female"])).
  static func parseAttribute(_ entry: String) throws -> (String, AttributeSplit) {
    let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[0].isEmpty,
      parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    else {
      throw ValidationError("--attribute takes NAME=index:K or NAME=COLUMN:VALUE, not '\(entry)'")
    }
    if let split = AttributeSplit(indexArgument: parts[1]) { return (parts[0], split) }
    let sides = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
    let values = sides.count == 2 ? sides[1].split(separator: ",").map(String.init) : []
    guard sides.count == 2, !sides[0].isEmpty, !values.isEmpty else {
      throw ValidationError("--attribute takes NAME=index:K or NAME=COLUMN:VALUE, not '\(entry)'")
    }
    return (parts[0], .column(sides[0], values: values))
  }

  func run() throws {
    // What --out is now (before --resume reads it): a save never overwrites another writer's.
    let destination = SaveDestination(out)
    // Found now rather than after the last epoch: a folder that is missing or read-only.
    try POSIXFile.checkCanSave(to: out)
    let resumed = try resume.map { try FaceModel.load(from: $0) }
    let config = try resumed?.config ?? architecture.resolve()
    let batchSize = batch ?? (config.name == "mlp" ? 100 : 64)
    do {
      try VAEBlueprint(config: config).checkTraining(batchSize: batchSize)
    } catch {
      throw resume.map { error.about($0) } ?? error
    }
    let loads = try data.loadEach(
      Preprocessing(width: config.width, height: config.height, channels: config.channels))
    let load = FaceFolderLoad(joining: loads)
    for skipped in load.skipped { log("skipped \(skipped)") }
    log(load.summary)
    let (trainingSet, validationSet) = FaceDataset.split(
      loads.map(\.dataset), validationFraction: validation, seed: seed.value,
      heldOutNames: try heldOut.names(in: loads.map(\.dataset)),
      recordedNames: heldOut.recorded(by: resumed?.training))
    guard trainingSet.count > 0 else {
      throw LatentError(.data, path: data.source, "no images left to train on")
    }
    let vae = try resumed?.vae ?? VariationalAutoencoder(config: config, seed: seed.value)
    var settings = TrainingSettings()
    settings.epochs = epochs
    settings.batchSize = batchSize
    settings.optimizer.learningRate = lr
    settings.optimizer.clipNorm = clip
    settings.beta = beta
    settings.warmupEpochs = warmup
    settings.seed = seed.value
    settings.horizontalFlips = flip
    settings.threads = threads.count
    var record =
      resumed?.training
      ?? TrainingRecord(
        data: data.source, images: trainingSet.count, validationImages: validationSet.count,
        settings: settings)
    record.settings = settings
    record.heldOutFiles = validationSet.count > 0 ? validationSet.recordNames : nil
    log(
      "training \(config.name) (\(vae.parameterCount) parameters, \(config.latentDimensions) latents, "
        + "\(config.likelihood.name)) on \(trainingSet.count) images, \(validationSet.count) held out"
    )
    let warmsUp = resumed != nil && resumed?.trainingState == nil
    if let resume, warmsUp {
      log("\(resume) has no optimizer state: the learning rate warms up over the first epoch")
    }
    let trainer = Trainer(
      model: vae, settings: settings, trainingSet: trainingSet,
      validationSet: validationSet.count > 0 ? validationSet : nil,
      previousEpochs: record.epochs.count, resumingFrom: resumed?.trainingState,
      warmsUpLearningRate: warmsUp)
    let totalEpochs = record.epochs.count + epochs
    let interrupt = InterruptFlag.shared
    var progress = ProgressLine()
    var epochsRun = 0
    let outcome = trainer.run(
      progress: { progress.update($0) },
      epochFinished: { epoch in
        record.epochs.append(epoch)
        progress.finish(epoch, of: totalEpochs)
        epochsRun += 1
        // The last epoch's save follows anyway, with the statistics.
        if checkpointEvery > 0, epochsRun % checkpointEvery == 0, epochsRun < epochs {
          saveCheckpoint(
            FaceModel(
              vae: vae, training: record, attributes: resumed?.attributes ?? [:],
              trainingState: trainer.currentState()), to: destination)
        }
      },
      shouldStop: { interrupt.isRaised })
    interrupt.beginSaving()
    // After a divergence the weights went back to the last good epoch, but Adam's moments
    // did not: the file is then saved without them.
    let trainingState: TrainingState? =
      if case .diverged = outcome { nil } else if dropOptimizerState { nil } else {
        trainer.currentState()
      }
    let model = FaceModel(
      vae: vae, training: record, attributes: resumed?.attributes ?? [:],
      trainingState: trainingState)
    model.storeStatistics(of: trainingSet, batchSize: settings.batchSize)
    try storeAttributes(in: model, dataset: load.dataset, folders: loads.map(\.dataset))
    let saved = try save(model, to: destination, halfPrecision: half)
    if validationSet.count > 0 {
      let mae = model.meanAbsoluteError(on: validationSet)
      log(
        String(format: "validation: mean absolute pixel error %.4f (%.1f of 255)", mae, mae * 255))
    }
    if let preview {
      try writePreview(
        model: model, images: validationSet.count > 0 ? validationSet : trainingSet, to: preview)
    }
    switch outcome {
    case .completed:
      log("saved \(saved)")
    case .cancelled(let epoch, let step):
      log(
        "stopped in epoch \(epoch) after \(step) steps; saved \(saved) (continue with --resume \(saved))"
      )
      throw ExitCode(interrupt.exitStatus ?? 130)
    case .diverged(let epoch, let step):
      throw LatentError(
        .unsupported, path: out,
        "training diverged (loss not finite) in epoch \(epoch), step \(step); "
          + "saved the last good weights; try a lower --lr or --clip 10")
    }
  }

  /// Writes `checkpoint` to --out with F32 weights (so a resume from it is exact); a failure
  /// is reported and training goes on.
  private func saveCheckpoint(_ checkpoint: FaceModel, to destination: SaveDestination) {
    do {
      // The path matters only when it moved, and save says so itself then.
      _ = try save(checkpoint, to: destination, halfPrecision: false)
    } catch {
      log("latent: checkpoint not saved: \(error)")
    }
  }

  /// Saves `model` to `destination`; the first save that finds --out changed by another
  /// process (and so goes beside it) says so. Returns the path written.
  private func save(
    _ model: FaceModel, to destination: SaveDestination, halfPrecision: Bool?
  ) throws(LatentError) -> String {
    let wasMoved = destination.moved
    let path = try model.save(to: destination, halfPrecision: halfPrecision)
    if !wasMoved, destination.moved {
      log(
        "latent: \(out) changed since this run read or checked it (another process saved it?); "
          + "left it as it is and saved to \(path) instead")
    }
    return path
  }

  /// Adds each `--attribute` direction, computed over every loaded image (`dataset`, the
  /// `folders` joined: each `--data`'s images, looked up in its own `--metadata` when there is
  /// one per folder).
  private func storeAttributes(
    in model: FaceModel, dataset: FaceDataset, folders: [FaceDataset]
  ) throws {
    guard !attribute.isEmpty else { return }
    let tables = try metadata.map { try FaceMetadata.read(path: $0) }
    for entry in attribute {
      let (name, split) = try Self.parseAttribute(entry)
      let membership = split.membership(of: folders, metadata: tables)
      do {
        model.attributes[name] = try model.attributeDirection(of: dataset, membership: membership)
      } catch {
        throw LatentError(.data, path: data.source, "\(error) for --attribute \(entry)")
      }
      let positive = membership.filter { $0 == true }.count
      let negative = membership.filter { $0 == false }.count
      log("attribute \(name): \(positive) faces against \(negative)")
    }
  }

  /// Originals (top row) above their reconstructions, up to 16 images.
  private func writePreview(model: FaceModel, images: FaceDataset, to path: String) throws {
    let items = Array(0..<min(16, images.count))
    let means = model.encode(images, items: items)
    let c = model.config
    let originals = items.map { images.image($0) }
    let copies = model.images(decoding: means)
    let scale = max(1, 128 / max(c.width, c.height))
    let cells = (originals + copies).map { $0.upscaled(by: scale) }
    try ImageGrid(columns: items.count, border: 2).writePNG(cells, to: path)
    log("wrote \(path) (originals above reconstructions)")
  }

  private func log(_ line: String) {
    StandardStream.error(line + "\n")
  }
}
