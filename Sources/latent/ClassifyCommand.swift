import ArgumentParser
import Classification
import FaceData
import FaceVAE
import LatentBasics
import Recognition
import FoundationEssentials
import ImageIO
import NeuralCore
import Glibc
import LatentBasics

/// `latent classify`: recognise faces from their latent codes, against a pixel baseline, with
/// and without faces the VAE generates.
struct ClassifyCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract:
      "Recognise labelled faces from their latent codes, and test generated faces as extra training data.",
    discussion: """
      Encodes every labelled image of --data to its posterior mean, splits each class into \
      train and test images (stratified, seeded: --split is the test share), trains a classifier \
      on the train codes and scores it on the test codes: accuracy, recall per class and the \
      most frequent confusions. knn is k-nearest neighbours by cosine similarity (vectors \
      centred on the train mean); logistic is multinomial logistic regression (standardised \
      features, L2 1e-3, 300 full-batch Adam steps). The same classifiers on the pixels the \
      model sees are the baseline. --augment N adds, for each train image, N codes drawn from \
      its posterior q(z|x), decoded and encoded again (the pixel baseline gets the decoded \
      faces), and reports accuracy without and with them side by side over --runs seeds \
      (mean ± standard deviation [min–max]); run r uses seed S+r for its split and its \
      generated faces (--fixed-split keeps the split of S).

      Classes: --by label (the file's label, 12_03.png → 12, or its sub-folder), \
      --by attribute:index (the file index, 03), or --by attribute:COLUMN with --metadata CSV.

      Examples:
        latent classify --model Models/olivetti64.safetensors --data ../shared/datasets/olivetti_faces_64 --split 0.5 --augment 5
        latent classify --model Models/faces64.safetensors --data ../shared/datasets/frl_faces_color_128 --by attribute:index --augment 5
      """)

  @OptionGroup var model: ModelOption

  /// Labelled face images.
  @OptionGroup var data: DataOption

  @Option(help: "What to recognise: label, attribute:index or attribute:COLUMN (needs --metadata).")
  var by: String = "label"

  @Option(help: "A metadata CSV (with a `file` column) for --by attribute:COLUMN.")
  var metadata: String?

  @Option(help: "Classifier: knn, logistic or both.")
  var method: ClassifierChoice = .both

  @Option(help: "Generated faces added per train image (0: none).")
  var augment: Int = 0

  @Option(help: "Share of each class held out for testing.")
  var split: Double = 0.3

  @Option(help: "Seed of the first run's split and generated faces.")
  var seed: UInt64 = 0

  @Option(help: "Runs (seeds S, S+1, …) for the mean and spread.")
  var runs: Int = 5

  @Flag(help: "Keep the split of --seed in every run (only the generated faces change).")
  var fixedSplit = false

  @Option(name: .customLong("k"), help: "Neighbours that vote in knn.")
  var neighbours: Int = 1

  @Flag(help: "Skip the pixel baseline.")
  var noPixels = false

  @OptionGroup var threads: ThreadsOption

  func validate() throws {
    guard let target = RecognitionTarget(argument: by) else {
      throw ValidationError("--by takes label, attribute:index or attribute:COLUMN, not '\(by)'")
    }
    if case .column(let name) = target, metadata == nil {
      throw ValidationError(
        "--by attribute:\(name) reads a metadata column: give --metadata FILE (or use attribute:index)"
      )
    }
    guard split > 0, split < 1 else {
      throw ValidationError("--split must be between 0 and 1 (the test share)")
    }
    guard augment >= 0, augment <= 100 else { throw ValidationError("--augment must be 0 to 100") }
    guard (1...100).contains(runs) else { throw ValidationError("--runs must be 1 to 100") }
    guard neighbours >= 1 else { throw ValidationError("--k must be at least 1") }
  }

  func run() throws {
    let face = try model.load()
    let config = face.config
    face.vae.threading = config.threading(threads: threads.count)
    face.vae.threading.claimOpenBLAS()
    let load = try data.load(
      Preprocessing(width: config.width, height: config.height, channels: config.channels))
    for skipped in load.skipped { log("skipped \(skipped)") }
    guard let target = RecognitionTarget(argument: by) else { throw ValidationError("bad --by") }
    var table: FaceMetadata?
    if let metadata {
      table = try FaceMetadata.read(path: metadata)
    }
    if case .column(let column) = target, let table, !table.columns.contains(column) {
      throw LatentError(
        .data, path: metadata,
        "has no column '\(column)' (it has \(table.columns.joined(separator: ", ")))")
    }
    let dataset = target.relabel(load.dataset, metadata: table)
    var settings = RecognitionSettings()
    settings.methods = method.methods
    settings.augment = augment
    settings.testFraction = split
    settings.seed = seed
    settings.runs = runs
    settings.fixedSplit = fixedSplit
    settings.neighbours = neighbours
    settings.pixelBaseline = !noPixels
    let experiment: RecognitionExperiment
    do throws(LatentError) {
      experiment = try RecognitionExperiment(model: face, dataset: dataset, settings: settings)
    } catch {
      throw LatentError(.data, path: data.source, "\(error) (--by \(target))")
    }
    var progress = WorkProgress()
    let results = experiment.run { progress.update($0, $1) }
    progress.finish()
    let report = ClassifyReport(
      results: results, settings: settings, modelName: modelName, dataName: data.source,
      target: target)
    print(report.text, terminator: "")
  }

  /// The model file's name without folder and extension.
  private var modelName: String {
    let file = model.path.split(separator: "/").last.map(String.init) ?? model.path
    return file.hasSuffix(".safetensors") ? String(file.dropLast(".safetensors".count)) : file
  }

  private func log(_ line: String) {
    StandardStream.error(line + "\n")
  }
}
