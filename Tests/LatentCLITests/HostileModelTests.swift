import Foundation
import TestSupport
import Testing

/// Small model files that ask for huge amounts of memory: each is refused with one line
/// naming the file and the number that is too large, quickly, before anything is allocated.
@Suite("hostile model files are refused before they allocate")
struct HostileModelTests {
  /// A safetensors file holding `config` as `latent.config` and zero-filled F32 `tensors`.
  static func writeModel(
    config: [String: Any], tensors: [(name: String, shape: [Int])] = [], to path: String,
    padding: Int = 0
  ) throws {
    let configText = String(
      decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)
    var header: [String: Any] = [
      "__metadata__": ["latent.format": "1", "latent.config": configText]
    ]
    var offset = 0
    for (name, shape) in tensors {
      let bytes = shape.reduce(4, *)
      header[name] = ["dtype": "F32", "shape": shape, "data_offsets": [offset, offset + bytes]]
      offset += bytes
    }
    var headerBytes = [UInt8](try JSONSerialization.data(withJSONObject: header))
    headerBytes += [UInt8](repeating: 0x20, count: padding)
    var bytes = withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { [UInt8]($0) }
    bytes += headerBytes + [UInt8](repeating: 0, count: offset)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  /// Runs `latent arguments` and checks for exit 1 with one line naming `path` and
  /// containing `number`, in under a second.
  static func expectRefusal(_ arguments: [String], path: String, naming number: String) throws {
    let start = Date()
    let result = try LatentProcess.run(arguments)
    let seconds = Date().timeIntervalSince(start)
    #expect(result.status == 1, "\(arguments): \(result.status) \(result.error)")
    #expect(result.error.contains(path + ": "), "\(result.error)")
    #expect(result.error.contains(number), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    #expect(seconds < 1, "took \(seconds) s")
  }

  static func conv64(padding: Int = 1) -> [String: Any] {
    func conv(_ i: Int, _ o: Int, _ p: Int = 1) -> [String: Any] {
      [
        "type": "Conv2d", "in_channels": i, "out_channels": o, "kernel_size": 4, "stride": 2,
        "padding": p,
      ]
    }
    func deconv(_ i: Int, _ o: Int) -> [String: Any] {
      [
        "type": "ConvTranspose2d", "in_channels": i, "out_channels": o, "kernel_size": 4,
        "stride": 2,
        "padding": 1, "output_padding": 0,
      ]
    }
    let relu: [String: Any] = ["type": "ReLU"]
    return [
      "name": "conv64", "channels": 3, "height": 64, "width": 64, "latent_dim": 32,
      "encoder": [
        conv(3, 32, padding), relu, conv(32, 64), relu, conv(64, 128), relu, conv(128, 256), relu,
        ["type": "Flatten"],
      ],
      "decoder": [
        ["type": "Linear", "in_features": 32, "out_features": 4096], relu,
        ["type": "Unflatten", "shape": [256, 4, 4]], deconv(256, 128), relu, deconv(128, 64), relu,
        deconv(64, 32), relu, deconv(32, 3),
      ],
    ]
  }

  /// 3×4096² images flattened straight into the heads: 2 × 50 M × latents weights.
  @Test(arguments: [65536, 16]) func headsCountTowardsTheParameterLimit(latents: Int) throws {
    let folder = try TemporaryFolder()
    let path = folder.file("heads.safetensors")
    try Self.writeModel(
      config: [
        "name": "x", "channels": 3, "height": 4096, "width": 4096, "latent_dim": latents,
        "encoder": [["type": "Flatten"]],
        "decoder": [["type": "Linear", "in_features": latents, "out_features": 4]],
      ], to: path)
    try Self.expectRefusal(["info", path], path: path, naming: "fc_mu.weight")
  }

  /// conv64 with one changed number (the first Conv2d's padding): the heads grow to 285 M weights.
  @Test func aPaddingOf1024IsRefused() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("padding.safetensors")
    try Self.writeModel(config: Self.conv64(padding: 1024), to: path)
    try Self.expectRefusal(["info", path], path: path, naming: "268435456")
  }

  /// A config within the limits whose file lacks its weights is refused before the
  /// weights are allocated (here 2 × 7 × 16.7 M head weights, 0.9 GB, drawn at random first).
  @Test func weightsAreCheckedAgainstTheFileBeforeAllocation() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("empty.safetensors")
    try Self.writeModel(
      config: [
        "name": "x", "channels": 1, "height": 4096, "width": 4096, "latent_dim": 7,
        "encoder": [["type": "Flatten"]],
        "decoder": [
          ["type": "Linear", "in_features": 7, "out_features": 1],
          [
            "type": "ConvTranspose2d", "in_channels": 1, "out_channels": 1, "kernel_size": 4096,
            "stride": 1,
          ],
        ],
      ], to: path)
    try Self.expectRefusal(["info", path], path: path, naming: "missing 8 tensors: 'fc_mu.weight'")
  }

  /// A model whose one image needs more than the per-image limit (4 GiB) is refused when it loads.
  @Test func memoryPerImageIsBounded() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("wide.safetensors")
    // 1×4096² through Conv2d(1, 64, 3, padding 1): 64 × 16.7 M outputs, 9 × 16.7 M columns.
    try Self.writeModel(
      config: [
        "name": "x", "channels": 1, "height": 4096, "width": 4096, "latent_dim": 4,
        "encoder": [
          ["type": "Conv2d", "in_channels": 1, "out_channels": 64, "kernel_size": 3, "padding": 1],
          ["type": "Flatten"],
        ],
        "decoder": [["type": "Linear", "in_features": 4, "out_features": 4]],
      ], to: path)
    try Self.expectRefusal(["info", path], path: path, naming: "4.3 GB")
  }

  /// A sparse file of 100 GB is refused by its size; one of 2 GB (within the 4 GiB limit)
  /// by its empty header, before the rest is read.
  @Test(arguments: [(Int64(2) << 30, "header is empty"), (Int64(100) << 30, "107374182400 bytes")])
  func hugeFilesAreRefusedBeforeTheyAreRead(size: Int64, problem: String) throws {
    let folder = try TemporaryFolder()
    let path = folder.file("huge.safetensors")
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: UInt64(size))
    try handle.close()
    try Self.expectRefusal(["info", path], path: path, naming: problem)
  }

  /// A header over the model-file limit (8 MiB) is refused from its length field alone.
  @Test func largeHeadersAreRefusedFromTheLengthField() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("header.safetensors")
    try Self.writeModel(config: Self.conv64(), to: path, padding: 90_000_000)
    try Self.expectRefusal(
      ["info", path], path: path, naming: "exceeds the limit of 8388608 bytes")
  }
}
