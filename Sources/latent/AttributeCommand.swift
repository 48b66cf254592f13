import ArgumentParser
import FaceData
import FaceVAE
import FoundationEssentials
import ImageIO
import Glibc
import LatentBasics
import Recognition

/// `latent attribute`: adds a named direction (such as `smile`) to a model.
struct AttributeCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "attribute",
    abstract: "Compute an attribute direction from labelled faces and store it in a model.",
    discussion: """
      Encodes every image of --data, splits them in two, and stores a direction \
      attributes.NAME in a copy of the model (written atomically to --out). With --method \
      mean-difference (the default) it is mean(code | positive) − mean(code | negative). With \
      --method logistic it is the unit normal of a linear boundary fitted by logistic \
      regression on four fifths of each side, stored with its accuracy on the fifth held out \
      (chosen by --seed) and the codes' spread (σ) along it, so that an edit can set a face's \
      distance from the boundary (+2σ). The split is either the file index (--by index:1: files \
      named *_1.png against every other index), or a column of a metadata CSV (--csv FILE \
      --column expression --value smiling against the other values; --value again adds values \
      to the positive side). Several --data folders are encoded together, with one --csv for \
      all or one per --data in the same order. Faces without an index or a value are left \
      out; an empty side is an error.

      Examples:
        latent attribute --model faces.safetensors --data ~/faces --name smile --by index:1 \\
          --out faces-smile.safetensors
        latent attribute --model faces.safetensors --data ~/faces --name smile \\
          --csv ~/faces/meta.csv --column expression --value smiling --out faces-smile.safetensors
        latent attribute --model faces.safetensors --data frl --data fairface --name female \
          --csv frl.csv --csv fairface.csv --column gender --value female --value Female \
          --method logistic --out faces-female.safetensors
      """)

  @OptionGroup var model: ModelOption

  @OptionGroup var data: DataOption

  @Option(help: "The attribute's name (letters, digits, _ and -).")
  var name: String

  @Option(help: "index:K: file index K against the other indices.")
  var by: String?

  @Option(
    help: ArgumentHelp(
      "A metadata CSV with a `file` column, for --column and --value: one for every folder, or one per --data in the same order.",
      valueName: "csv"))
  var csv: [String] = []

  @Option(help: "The CSV column that splits the faces.")
  var column: String?

  @Option(help: "The column's value on the positive side (repeat for several).")
  var value: [String] = []

  @Option(help: "mean-difference (the default) or logistic.")
  var method: AttributeMethod = .meanDifference

  @OptionGroup var seed: SeedOption

  @Option(help: "Where to write the model with the attribute added.")
  var out: String

  func validate() throws {
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    else {
      throw ValidationError("--name '\(name)' should be letters, digits, _ and - only")
    }
    switch (by, csv.isEmpty, column, value.isEmpty) {
    case (.some(let by), true, nil, true):
      guard AttributeSplit(indexArgument: by) != nil else {
        throw ValidationError("--by '\(by)' should be index:K (index:1)")
      }
    case (nil, false, .some, false):
      guard csv.count == 1 || csv.count == data.sources.count else {
        throw ValidationError(
          "give one --csv for every folder or one per --data (\(data.sources.count)), not \(csv.count)"
        )
      }
    default:
      throw ValidationError(
        "split the faces with --by index:K, or with --csv, --column and --value")
    }
  }

  func run() throws {
    let face = try model.load()
    let config = face.config
    let folders = try data.loadEach(
      Preprocessing(width: config.width, height: config.height, channels: config.channels)
    ).map(\.dataset)
    let split: AttributeSplit
    var tables = [FaceMetadata]()
    if let by, let index = AttributeSplit(indexArgument: by) {
      split = index
    } else if let column, !csv.isEmpty, !value.isEmpty {
      for path in csv {
        let table = try FaceMetadata.read(path: path)
        if !table.columns.contains(column) {
          throw LatentError(
            .data, path: path,
            "has no column '\(column)' (it has \(table.columns.joined(separator: ", ")))")
        }
        tables.append(table)
      }
      split = .column(column, values: value)
    } else {
      throw ValidationError(
        "split the faces with --by index:K, or with --csv, --column and --value")
    }
    let membership = split.membership(of: folders, metadata: tables)
    let codes = face.posteriorMeans(of: FaceDataset(joining: folders))
    var boundary: AttributeBoundary?
    let direction: [Float]
    do {
      switch method {
      case .meanDifference:
        direction = try AttributeDirection.direction(codes: codes, membership: membership)
      case .logistic:
        let fitted = try AttributeBoundary.fit(
          codes: codes, membership: membership, seed: seed.value)
        boundary = fitted
        direction = fitted.normal
      }
    } catch {
      throw LatentError(
        .data, path: data.source, "\(error.problem) for '\(name)' (\(describe(split)))")
    }
    face.attributes[name] = direction
    face.attributeBoundaries[name] = boundary
    try face.save(to: out)
    let positives = membership.filter { $0 == true }.count
    let negatives = membership.filter { $0 == false }.count
    let quality: String
    if let boundary {
      quality = String(
        format: "held-out accuracy %.3f on %d faces; σ along the normal %.3f",
        boundary.accuracy, boundary.heldOutFaces, boundary.spread)
    } else {
      let length = direction.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
      quality = String(format: "direction length %.3f", length)
    }
    print(
      name + ": \(positives) positive, \(negatives) negative faces; \(quality); wrote \(out)")
  }

  private func describe(_ split: AttributeSplit) -> String {
    switch split {
    case .index(let k): return "file index \(k) against the others"
    case .column(let column, let values):
      return "\(column) = \(values.joined(separator: " or ")) against the others"
    }
  }
}

/// How `latent attribute` turns the two sides into a direction.
enum AttributeMethod: String, ExpressibleByArgument, CaseIterable {
  /// The difference of the two sides' mean codes.
  case meanDifference = "mean-difference"
  /// The normal of a logistic-regression boundary, with its held-out accuracy.
  case logistic
}
