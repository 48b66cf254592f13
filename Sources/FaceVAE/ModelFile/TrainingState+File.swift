import FoundationEssentials
import LatentBasics
import NeuralCore
import SafeTensors

/// How a ``TrainingState`` is stored in a model file: Adam's moments as the tensors
/// `optimizer.adam.m.NAME` and `optimizer.adam.v.NAME` (F32, the shape of parameter NAME),
/// its step in the metadata `latent.optimizer`, the generator in `latent.generator`.
extension TrainingState {
  /// The name of parameter `name`'s first moment in a model file.
  package static func firstMomentName(_ name: String) -> String { "optimizer.adam.m.\(name)" }
  /// The name of parameter `name`'s second moment in a model file.
  package static func secondMomentName(_ name: String) -> String { "optimizer.adam.v.\(name)" }
  /// The prefix of every optimizer tensor.
  static let tensorPrefix = "optimizer."

  /// `latent.optimizer`: which optimizer, and its step count.
  private struct OptimizerRecord: Codable {
    var kind: String
    var step: Int
  }

  /// `latent.generator`: the four state words and the spare normal's bits, in hexadecimal
  /// (JSON numbers lose 64-bit integers in many readers).
  private struct GeneratorRecord: Codable {
    var words: [String]
    var spareNormal: String?

    private enum CodingKeys: String, CodingKey {
      case words
      case spareNormal = "spare_normal"
    }
  }

  /// Adds the moments to `tensors` and the step and generator to `metadata`, for `parameters`
  /// (a model's ``VariationalAutoencoder/namedParameters``).
  func store(
    parameters: [(name: String, parameter: Parameter)], tensors: inout [String: StoredTensor],
    metadata: inout [String: String]
  ) throws(LatentError) {
    for (index, (name, parameter)) in parameters.enumerated() {
      tensors[Self.firstMomentName(name)] = StoredTensor(
        shape: parameter.shape, values: optimizer.firstMoments[index])
      tensors[Self.secondMomentName(name)] = StoredTensor(
        shape: parameter.shape, values: optimizer.secondMoments[index])
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      let record = OptimizerRecord(kind: "adam", step: optimizer.step)
      metadata["latent.optimizer"] = String(decoding: try encoder.encode(record), as: UTF8.self)
      if let generator {
        let record = GeneratorRecord(
          words: generator.words.map { String($0, radix: 16) },
          spareNormal: generator.spareNormal.map { String($0.bitPattern, radix: 16) })
        metadata["latent.generator"] = String(decoding: try encoder.encode(record), as: UTF8.self)
      }
    } catch {
      throw LatentError(.model, "cannot encode the optimizer state: \(error)")
    }
  }

  /// The state stored in `file` for `parameters`, nil when it holds none; every optimizer
  /// tensor it reads goes into `known`. Throws when the state is incomplete, misshapen or
  /// not finite.
  init?(
    file: SafeTensorsFile, parameters: [(name: String, parameter: Parameter)], path: String,
    known: inout Set<String>
  ) throws(LatentError) {
    guard let text = file.metadata["latent.optimizer"] else {
      if let stray = file.names.first(where: { $0.hasPrefix(Self.tensorPrefix) }) {
        throw LatentError(.model, path: path, "tensor '\(stray)' without latent.optimizer")
      }
      if file.metadata["latent.generator"] != nil {
        throw LatentError(.model, path: path, "latent.generator without latent.optimizer")
      }
      return nil
    }
    let record: OptimizerRecord
    do {
      record = try JSONDecoder().decode(OptimizerRecord.self, from: Data(text.utf8))
    } catch {
      throw LatentError(
        .model, path: path, "latent.optimizer is not valid: \(FaceModel.describe(error))")
    }
    guard record.kind == "adam" else {
      throw LatentError(.model, path: path, "latent.optimizer: unknown kind '\(record.kind)'")
    }
    guard record.step >= 0 else {
      throw LatentError(.model, path: path, "latent.optimizer: negative step \(record.step)")
    }
    func moments(_ name: String, shape: [Int]) throws(LatentError) -> [Float] {
      let values: [Float]
      do {
        values = try file.values(named: name, shape: shape)
      } catch {
        throw error.about(path)
      }
      guard values.allSatisfy(\.isFinite) else {
        throw LatentError(.model, path: path, "tensor '\(name)' holds NaN or infinite values")
      }
      known.insert(name)
      return values
    }
    var first: [[Float]] = []
    var second: [[Float]] = []
    for (name, parameter) in parameters {
      first.append(try moments(Self.firstMomentName(name), shape: parameter.shape))
      second.append(try moments(Self.secondMomentName(name), shape: parameter.shape))
    }
    var generator: SeededGenerator.State?
    if let text = file.metadata["latent.generator"] {
      let stored: GeneratorRecord
      do {
        stored = try JSONDecoder().decode(GeneratorRecord.self, from: Data(text.utf8))
      } catch {
        throw LatentError(
          .model, path: path, "latent.generator is not valid: \(FaceModel.describe(error))")
      }
      let invalid = LatentError(
        .model, path: path,
        "latent.generator: needs four hexadecimal words, not all zero, and a finite spare normal")
      var spare: Float?
      if let bits = stored.spareNormal {
        guard let pattern = UInt32(bits, radix: 16), Float(bitPattern: pattern).isFinite else {
          throw invalid
        }
        spare = Float(bitPattern: pattern)
      }
      let words = stored.words.compactMap { UInt64($0, radix: 16) }
      let state = SeededGenerator.State(words: words, spareNormal: spare)
      guard words.count == stored.words.count, SeededGenerator(state: state) != nil else {
        throw invalid
      }
      generator = state
    }
    self.init(
      optimizer: AdamState(step: record.step, firstMoments: first, secondMoments: second),
      generator: generator)
  }
}
