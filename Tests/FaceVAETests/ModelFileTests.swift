import FaceVAE
import Foundation
import NeuralCore
import SafeTensors
import TestSupport
import Testing
import LatentBasics

@Suite("Model files")
struct ModelFileTests {
  let config = try! VAEConfig.conv(size: 8, channels: 1, latent: 3)

  func trainedModel() throws -> FaceModel {
    var settings = TrainingSettings()
    settings.epochs = 2
    settings.batchSize = 8
    return try TinyModel.trained(
      config, seed: 4, on: barImages(count: 20, seed: 1, side: 8), named: "bars",
      settings: settings,
      attributes: ["vertical": [1, 0, -1]])
  }

  @Test func roundTripIsBitIdentical() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("m.safetensors")
    let model = try trainedModel()
    try model.save(to: path)
    let loaded = try FaceModel.load(from: path)
    #expect(loaded.config == model.config)
    #expect(loaded.training == model.training)
    #expect(loaded.training?.epochs.count == 2)
    for ((name, a), (otherName, b)) in zip(model.vae.namedParameters, loaded.vae.namedParameters) {
      #expect(name == otherName)
      #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "\(name)")
    }
    #expect(loaded.codes == model.codes && loaded.codes.count == 20 && loaded.codes.dimensions == 3)
    #expect(loaded.codeLabels == model.codeLabels)
    #expect(loaded.klPerDimension == model.klPerDimension)
    #expect(loaded.attributes == ["vertical": [1, 0, -1]])
    #expect(model.klPerDimension!.allSatisfy { $0 >= 0 })
    // Nothing but the model is left in the folder (no temp files).
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["m.safetensors"])
  }

  @Test func halfPrecisionWeightsLoadWithinF16Rounding() throws {
    let folder = try TemporaryFolder()
    let model = try trainedModel()
    let full = folder.file("f32.safetensors")
    let half = folder.file("f16.safetensors")
    try model.save(to: full)
    try model.save(to: half, halfPrecision: true)
    let fullSize = try FileManager.default.attributesOfItem(atPath: full)[.size] as! Int
    let halfSize = try FileManager.default.attributesOfItem(atPath: half)[.size] as! Int
    #expect(Double(halfSize) < 0.6 * Double(fullSize))
    let loaded = try FaceModel.load(from: half)
    for ((name, a), (_, b)) in zip(model.vae.namedParameters, loaded.vae.namedParameters) {
      for (x, y) in zip(a.values, b.values) {
        // F16 keeps 11 significant bits: relative error at most 2⁻¹¹ for normal values.
        #expect(abs(x - y) <= max(abs(x) * 0x1p-11, 0x1p-24), "\(name): \(x) vs \(y)")
      }
    }
    #expect(loaded.codes == model.codes)
    // Saved again without saying, it stays F16.
    let again = folder.file("again.safetensors")
    try loaded.save(to: again)
    #expect(try FileManager.default.attributesOfItem(atPath: again)[.size] as! Int == halfSize)
  }

  @Test func tensorNamesFollowPyTorch() throws {
    let vae = try VariationalAutoencoder(config: config, seed: 1)
    let names = vae.namedParameters.map(\.name)
    #expect(names.contains("encoder.0.weight") && names.contains("encoder.0.bias"))
    #expect(names.contains("fc_mu.weight") && names.contains("fc_logvar.bias"))
    // decoder: 0 Linear, 1 ReLU, 2 Unflatten, 3 ConvTranspose2d
    #expect(names.contains("decoder.0.weight") && names.contains("decoder.3.weight"))
    let shapes = Dictionary(
      uniqueKeysWithValues: vae.namedParameters.map { ($0.name, $0.parameter.shape) })
    #expect(shapes["encoder.0.weight"] == [32, 1, 4, 4])  // Conv2d [out, in, kh, kw]
    #expect(shapes["decoder.3.weight"] == [32, 1, 4, 4])  // ConvTranspose2d [in, out, kh, kw]
    #expect(shapes["fc_mu.weight"] == [3, 512])  // Linear [out, in]
  }

  /// Builds a file from a model, with `edit` applied to the container first.
  func corrupted(_ edit: (inout SafeTensorsFile) -> Void) throws -> [UInt8] {
    let folder = try TemporaryFolder()
    let path = folder.file("good.safetensors")
    try FaceModel(vae: VariationalAutoencoder(config: config, seed: 1)).save(to: path)
    var file = try SafeTensorsFile.read(contentsOf: path)
    edit(&file)
    return try file.serialized()
  }

  func loadError(_ bytes: [UInt8]) throws -> String {
    let temporary = try TemporaryFolder()
    let path = temporary.file("bad.safetensors")
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    do {
      _ = try FaceModel.load(from: path)
    } catch {
      #expect(error.description.hasPrefix(path + ": "))
      #expect(!error.description.contains("\n"))
      return error.problem
    }
    Issue.record("loading \(path) succeeded")
    return ""
  }

  @Test func everyDefectHasItsOwnError() throws {
    let good = try corrupted { _ in }
    let headerLength = Int(good[0]) | Int(good[1]) << 8 | Int(good[2]) << 16
    var header = String(decoding: good[8..<(8 + headerLength)], as: UTF8.self)
    func withHeader(_ text: String) -> [UInt8] {
      var padded = Array(text.utf8)
      while padded.count < headerLength { padded.append(0x20) }
      return Array(good[0..<8]) + padded + Array(good[(8 + headerLength)...])
    }
    var cases: [(String, [UInt8])] = []
    cases.append(("beyond", Array(good.prefix(good.count - 10))))
    cases.append(("too short", [1, 2, 3]))
    var lying = good
    lying[5] = 0x7F
    cases.append(("header length", lying))
    cases.append(("json", withHeader("{\"a\": ")))
    // Same length edits of the real header:
    let firstDtype = try #require(header.range(of: "\"F32\""))
    header.replaceSubrange(firstDtype, with: "\"Q32\"")
    cases.append(("dtype", withHeader(header)))
    let missing = try corrupted { $0.tensors["fc_mu.bias"] = nil }
    cases.append(("missing tensor 'fc_mu.bias'", missing))
    let reshaped = try corrupted { file in
      let w = file.tensors["encoder.0.weight"]!
      file.tensors["encoder.0.weight"] = StoredTensor(shape: [32, 16], values: w.values)
    }
    cases.append(("shape", reshaped))
    let badConfig = try corrupted { $0.metadata["latent.config"] = "{\"name\": \"x\"}" }
    cases.append(("latent.config", badConfig))
    let impossible = try corrupted { file in
      file.metadata["latent.config"] = file.metadata["latent.config"]!.replacingOccurrences(
        of: "\"latent_dim\":3", with: "\"latent_dim\":5")
    }
    cases.append(("latent.config", impossible))
    let nan = try corrupted { file in
      var t = file.tensors["decoder.0.bias"]!
      t.values[0] = .nan
      file.tensors["decoder.0.bias"] = t
    }
    cases.append(("NaN", nan))
    let stranger = try corrupted {
      $0.tensors["encoder.99.weight"] = StoredTensor(shape: [1], values: [0])
    }
    cases.append(("unexpected tensor", stranger))
    let notOurs = try corrupted { $0.metadata = [:] }
    cases.append(("latent.format", notOurs))
    for (keyword, bytes) in cases {
      let problem = try loadError(bytes)
      #expect(problem.localizedCaseInsensitiveContains(keyword), "\(keyword): \(problem)")
    }
  }

  @Test func offsetsOutOfRangeOrOverlappingAreRefused() throws {
    // A hand-made container with one tensor whose offsets point past the data,
    // and one whose two tensors overlap.
    func file(_ header: String, dataBytes: Int) -> [UInt8] {
      var h = Array(header.utf8)
      while h.count % 8 != 0 { h.append(0x20) }
      var bytes = (0..<8).map { UInt8((h.count >> (8 * $0)) & 0xFF) }
      bytes += h
      bytes += [UInt8](repeating: 0, count: dataBytes)
      return bytes
    }
    let outside = file(
      #"{"__metadata__":{"latent.format":"1"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#,
      dataBytes: 12)
    #expect(try loadError(outside).localizedCaseInsensitiveContains("beyond"))
    let overlapping = file(
      #"{"__metadata__":{"latent.format":"1"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
      dataBytes: 12)
    #expect(try loadError(overlapping).localizedCaseInsensitiveContains("overlap"))
  }
}
