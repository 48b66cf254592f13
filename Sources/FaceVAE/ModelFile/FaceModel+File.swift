import FoundationEssentials
import NeuralCore
import SafeTensors
import LatentBasics

extension FaceModel {
  /// `latent.format` of the files whose config uses only the stock layers (and that older
  /// builds read); ``formatVersion`` is written when a config needs more.
  package static let firstFormatVersion = "1"
  /// `latent.format` of files with named layers, own heads, input and output mapping, and
  /// BatchNorm, Upsample, Dropout, residual blocks (docs/model-format.md).
  package static let formatVersion = "2"

  /// Writes the model to `path` atomically (temp file, fsync, rename): a crash
  /// at any moment leaves either the old file or the new one, never a mix.
  ///
  /// - Parameter halfPrecision: store the weights as F16 (half the size; each
  ///   weight rounded to 11 significant bits); statistics and codes stay F32.
  ///   Default: as the file the model was loaded from. ``trainingState`` is always F32.
  package func save(to path: String, halfPrecision: Bool? = nil) throws(LatentError) {
    let file = try container(halfPrecision: halfPrecision, path: path)
    do {
      try file.write(to: path)
    } catch {
      throw error.about(path)
    }
  }

  /// Writes the model to `destination` atomically, as ``save(to:halfPrecision:)``, but never
  /// over a file another process changed since `destination` last saw it: the model then goes
  /// to a free `NAME.N.safetensors` beside it (``SaveDestination``). Returns the path written.
  @discardableResult
  package func save(
    to destination: SaveDestination, halfPrecision: Bool? = nil
  ) throws(LatentError) -> String {
    let path = destination.path
    let bytes: [UInt8]
    do {
      bytes = try container(halfPrecision: halfPrecision, path: path).serialized()
    } catch {
      throw LatentError(error.kind, path: path, error.problem)
    }
    return try destination.save(bytes)
  }

  /// The model as a safetensors container, weights in F16 when `halfPrecision` (default: as
  /// loaded); `path` names the file in errors.
  private func container(
    halfPrecision: Bool?, path: String
  ) throws(LatentError) -> SafeTensorsFile {
    let halfPrecision = halfPrecision ?? storesHalfPrecision
    var tensors: [String: StoredTensor] = [:]
    for (name, parameter) in vae.namedParameters {
      tensors[name] = StoredTensor(
        shape: parameter.shape, values: parameter.values, dtype: halfPrecision ? .float16 : .float32
      )
    }
    // Buffers stay F32 (running variances are not worth 11 bits), counts I64, as PyTorch's.
    for (name, buffer) in vae.namedBuffers {
      tensors[name] =
        buffer.isInteger
        ? StoredTensor(shape: buffer.shape, integers: buffer.values.map { Int($0) })
        : StoredTensor(shape: buffer.shape, values: buffer.values)
    }
    let d = vae.latentDimensions
    if let klPerDimension {
      tensors["stats.kl_per_dim"] = StoredTensor(shape: [d], values: klPerDimension)
    }
    if !codes.isEmpty {
      tensors["codes.mu"] = StoredTensor(shape: [storedFaces, d], values: codes.values)
      tensors["codes.label"] = StoredTensor(shape: [codeLabels.count], integers: codeLabels)
    }
    for (name, direction) in attributes {
      tensors["attributes.\(name)"] = StoredTensor(shape: [d], values: direction)
    }
    for (name, bank) in directions {
      tensors["directions.\(name)"] = StoredTensor(
        shape: [bank.count, d], values: bank.directions.values)
      tensors["directions.\(name).scale"] = StoredTensor(shape: [bank.count], values: bank.scales)
      if let eigenvalues = bank.eigenvalues {
        tensors["directions.\(name).eigenvalue"] = StoredTensor(
          shape: [bank.count], values: eigenvalues)
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var metadata = [
      "latent.format": vae.config.needsFormatTwo ? Self.formatVersion : Self.firstFormatVersion
    ]
    do {
      metadata["latent.config"] = String(decoding: try encoder.encode(vae.config), as: UTF8.self)
      if let training {
        metadata["latent.training"] = String(decoding: try encoder.encode(training), as: UTF8.self)
      }
      // A boundary whose normal is no longer its attribute's direction is out of date.
      let boundaries = attributeBoundaries.filter { attributes[$0.key] == $0.value.normal }
      if !boundaries.isEmpty {
        metadata[Self.attributeBoundariesKey] = String(
          decoding: try encoder.encode(boundaries.mapValues(StoredBoundary.init)), as: UTF8.self)
      }
    } catch {
      throw LatentError(.model, path: path, "cannot encode metadata: \(error)")
    }
    do {
      try trainingState?.store(
        parameters: vae.namedParameters, tensors: &tensors, metadata: &metadata)
    } catch {
      throw error.about(path)
    }
    return SafeTensorsFile(tensors: tensors, metadata: metadata, source: path)
  }

  /// Reads and checks a model file: container, format version, config,
  /// every weight's presence, shape and finiteness, and the extra tensors.
  package static func load(from path: String) throws(LatentError) -> FaceModel {
    let file: SafeTensorsFile
    do {
      file = try SafeTensorsFile.read(
        contentsOf: path, maximumBytes: ModelLimits.fileBytes,
        maximumHeaderLength: ModelLimits.headerBytes)
    } catch {
      throw error.about(path)
    }
    return try FaceModel(file: file, path: path)
  }

  /// Builds a model from a parsed file; `path` names it in errors.
  package convenience init(file: SafeTensorsFile, path: String) throws(LatentError) {
    guard let format = file.metadata["latent.format"] else {
      throw LatentError(.model, path: path, "not a latent model: no latent.format in __metadata__")
    }
    guard format == Self.formatVersion || format == Self.firstFormatVersion else {
      throw LatentError(
        .model, path: path,
        "latent.format \(format) is not supported (this build reads \(Self.firstFormatVersion) "
          + "and \(Self.formatVersion))")
    }
    guard let configText = file.metadata["latent.config"] else {
      throw LatentError(.model, path: path, "no latent.config in __metadata__")
    }
    let config: VAEConfig
    do {
      config = try JSONDecoder().decode(VAEConfig.self, from: Data(configText.utf8))
    } catch {
      throw LatentError(
        .model, path: path, "latent.config is not a valid config: \(Self.describe(error))")
    }
    // Validate, then allocate: the config's sizes and every weight's shape in the file are
    // checked before any layer is made, so the weights take no more memory than the file.
    let blueprint: VAEBlueprint
    do {
      blueprint = try VAEBlueprint(config: config)
    } catch {
      throw LatentError(.model, path: path, "latent.config: \(error.problem)")
    }
    try Self.checkStateDict(of: file, against: blueprint, path: path)
    let vae: VariationalAutoencoder
    do {
      vae = try VariationalAutoencoder(config: config, seed: 0)
    } catch {
      throw LatentError(.model, path: path, "latent.config: \(error.problem)")
    }
    var known = Set<String>()
    var halfWeights = false
    for (name, parameter) in vae.namedState {
      halfWeights = halfWeights || file.tensors[name]?.dtype == .float16
      let values: [Float]
      do {
        values = try file.values(named: name, shape: parameter.shape)
      } catch {
        throw error.about(path)
      }
      guard values.allSatisfy(\.isFinite) else {
        throw LatentError(.model, path: path, "tensor '\(name)' holds NaN or infinite values")
      }
      parameter.assign(values)
      known.insert(name)
    }
    let d = config.latentDimensions
    func extra(_ name: String, shape: [Int]) throws(LatentError) -> [Float]? {
      guard let tensor = file.tensors[name] else { return nil }
      guard tensor.shape == shape else {
        throw LatentError(
          .model, path: path, "tensor '\(name)' has shape \(tensor.shape), expected \(shape)")
      }
      known.insert(name)
      return tensor.values
    }
    let kl = try extra("stats.kl_per_dim", shape: [d])
    var codes = LatentCodes(dimensions: d)
    var labels: [Int] = []
    if let mu = file.tensors["codes.mu"] {
      guard mu.shape.count == 2, mu.shape[1] == d,
        let stored = LatentCodes(dimensions: d, values: mu.values)
      else {
        throw LatentError(
          .model, path: path, "tensor 'codes.mu' has shape \(mu.shape), expected [N, \(d)]")
      }
      codes = stored
      known.insert("codes.mu")
      let n = mu.shape[0]
      labels =
        try extra("codes.label", shape: [n]).map { $0.map { Int($0) } }
        ?? Array(repeating: -1, count: n)
    } else if file.tensors["codes.label"] != nil {
      throw LatentError(.model, path: path, "tensor 'codes.label' without 'codes.mu'")
    }
    var attributes: [String: [Float]] = [:]
    for name in file.names where name.hasPrefix("attributes.") {
      attributes[String(name.dropFirst("attributes.".count))] = try extra(name, shape: [d])
    }
    var boundaries: [String: AttributeBoundary] = [:]
    if let text = file.metadata[Self.attributeBoundariesKey] {
      let stored: [String: StoredBoundary]
      do {
        stored = try JSONDecoder().decode([String: StoredBoundary].self, from: Data(text.utf8))
      } catch {
        throw LatentError(
          .model, path: path,
          "\(Self.attributeBoundariesKey) is not valid: \(Self.describe(error))")
      }
      for (name, entry) in stored {
        guard let normal = attributes[name] else {
          throw LatentError(
            .model, path: path,
            "\(Self.attributeBoundariesKey) describes '\(name)', which has no tensor 'attributes.\(name)'"
          )
        }
        guard let boundary = entry.boundary(normal: normal) else {
          throw LatentError(
            .model, path: path,
            "\(Self.attributeBoundariesKey) '\(name)' needs method logistic, finite numbers,"
              + " accuracy 0…1 and spread ≥ 0")
        }
        boundaries[name] = boundary
      }
    }
    var banks: [String: DirectionBank] = [:]
    for name in file.names where name.hasPrefix("directions.") {
      let bank = String(name.dropFirst("directions.".count))
      // `directions.NAME.scale` and `.eigenvalue` are read with their bank.
      guard !bank.contains("."), let tensor = file.tensors[name] else { continue }
      guard tensor.shape.count == 2, tensor.shape[0] >= 1, tensor.shape[1] == d,
        let rows = LatentCodes(dimensions: d, values: tensor.values)
      else {
        throw LatentError(
          .model, path: path, "tensor '\(name)' has shape \(tensor.shape), expected [K, \(d)]")
      }
      known.insert(name)
      for (k, row) in rows.enumerated() {
        let length = row.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        guard abs(length - 1) <= 1e-3 else {
          throw LatentError(
            .model, path: path, "row \(k) of tensor '\(name)' has length \(length), not 1")
        }
      }
      let k = rows.count
      let scales = try extra("\(name).scale", shape: [k]) ?? Array(repeating: 1, count: k)
      guard scales.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw LatentError(.model, path: path, "tensor '\(name).scale' must be finite and ≥ 0")
      }
      let eigenvalues = try extra("\(name).eigenvalue", shape: [k])
      guard eigenvalues?.allSatisfy(\.isFinite) ?? true else {
        throw LatentError(.model, path: path, "tensor '\(name).eigenvalue' holds NaN or infinity")
      }
      banks[bank] = DirectionBank(directions: rows, scales: scales, eigenvalues: eigenvalues)
    }
    let trainingState = try TrainingState(
      file: file, parameters: vae.namedParameters, path: path, known: &known)
    let unexpected = file.names.filter { !known.contains($0) }
    if !unexpected.isEmpty {
      throw LatentError(
        .model, path: path, "unexpected \(Self.listing(unexpected, noun: "tensor")) for this config"
      )
    }
    var training: TrainingRecord?
    if let text = file.metadata["latent.training"] {
      do {
        training = try JSONDecoder().decode(TrainingRecord.self, from: Data(text.utf8))
      } catch {
        throw LatentError(
          .model, path: path, "latent.training is not a valid record: \(Self.describe(error))")
      }
    }
    self.init(
      vae: vae, training: training, klPerDimension: kl, codes: codes, codeLabels: labels,
      attributes: attributes, trainingState: trainingState)
    storesHalfPrecision = halfWeights
    attributeBoundaries = boundaries
    directions = banks
  }

  /// The metadata key of the attribute boundaries (``attributeBoundaries``).
  package static let attributeBoundariesKey = "latent.attributes"

  /// One line for a JSON decoding error: what was wrong and where.
  package static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
      DecodingError.valueNotFound(_, let context):
      let place = context.codingPath.map(\.stringValue).joined(separator: ".")
      return place.isEmpty ? context.debugDescription : "\(place): \(context.debugDescription)"
    case DecodingError.keyNotFound(let key, let context):
      let place = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
      return "missing \(place)"
    default:
      return "\(error)"
    }
  }
}

/// An attribute boundary as `latent.attributes` stores it (its normal is the attribute's tensor).
private struct StoredBoundary: Codable {
  var method: String
  var offset: Float
  var accuracy: Float
  var heldOut: Int
  var spread: Float

  enum CodingKeys: String, CodingKey {
    case method, offset, accuracy, spread
    case heldOut = "held_out"
  }

  init(_ boundary: AttributeBoundary) {
    method = "logistic"
    offset = boundary.offset
    accuracy = boundary.accuracy
    heldOut = boundary.heldOutFaces
    spread = boundary.spread
  }

  /// The boundary with `normal`, or nil when a value is out of range.
  func boundary(normal: [Float]) -> AttributeBoundary? {
    guard method == "logistic", offset.isFinite, accuracy.isFinite, (0...1).contains(accuracy),
      spread.isFinite, spread >= 0, heldOut >= 0
    else { return nil }
    return AttributeBoundary(
      normal: normal, offset: offset, accuracy: accuracy, heldOutFaces: heldOut, spread: spread)
  }
}
