import Foundation
import TestSupport
import Testing

/// `sample`, `encode` and `reconstruct` on a model of 512×512 images run in batches whose
/// activations fit ModelLimits.inferenceBatchValues (1 GiB): the peak resident memory of the
/// process, measured by the kernel (wait4's ru_maxrss), stays under a bound however many
/// images it is given.
@Suite("memory of inference on large images")
struct InferenceMemoryTests {
  /// The peak resident memory the commands may reach: the 1 GiB batch, the model, the images.
  static let boundKilobytes = 1_600 * 1024

  /// Runs `latent arguments`; returns its exit status, standard error and peak RSS in kB.
  static func runMeasured(_ arguments: [String], in folder: TemporaryFolder) throws -> (
    status: Int32, error: String, peakKilobytes: Int
  ) {
    let binary = try LatentBinary.located()
    let errorPath = folder.file("stderr-\(UUID().uuidString)")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, binary, &actions, nil, argv, environ)
    try #require(spawned == 0, "cannot start \(binary): \(spawned)")
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let error = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    return ((status >> 8) & 0xff, error, usage.ru_maxrss)
  }

  /// A conv VAE for 3×512×512 images: five stride-2 convolutions down to 32×16×16, 8 latents,
  /// and five transposed ones back up.
  static func config() -> [String: Any] {
    func conv(_ i: Int, _ o: Int) -> [String: Any] {
      [
        "type": "Conv2d", "in_channels": i, "out_channels": o, "kernel_size": 4, "stride": 2,
        "padding": 1,
      ]
    }
    func deconv(_ i: Int, _ o: Int) -> [String: Any] {
      [
        "type": "ConvTranspose2d", "in_channels": i, "out_channels": o, "kernel_size": 4,
        "stride": 2, "padding": 1,
      ]
    }
    let relu: [String: Any] = ["type": "ReLU"]
    return [
      "name": "wide512", "channels": 3, "height": 512, "width": 512, "latent_dim": 8,
      "encoder": [
        conv(3, 16), relu, conv(16, 32), relu, conv(32, 32), relu, conv(32, 32), relu,
        conv(32, 32), relu, ["type": "Flatten"],
      ],
      "decoder": [
        ["type": "Linear", "in_features": 8, "out_features": 8192], relu,
        ["type": "Unflatten", "shape": [32, 16, 16]], deconv(32, 32), relu, deconv(32, 32), relu,
        deconv(32, 32), relu, deconv(32, 16), relu, deconv(16, 3),
      ],
    ]
  }

  @Test func sampleEncodeAndReconstructStayUnderTheBound() throws {
    let folder = try TemporaryFolder()
    let configPath = folder.file("wide512.json")
    try JSONSerialization.data(withJSONObject: Self.config()).write(
      to: URL(fileURLWithPath: configPath))
    let model = folder.file("wide512.safetensors")
    let trained = try LatentProcess.run([
      "train", "--data", "synthetic:8", "--config", configPath, "--epochs", "1", "--batch", "4",
      "--threads", "2", "--out", model,
    ])
    try #require(trained.status == 0, "\(trained.error)")

    let faces = folder.file("faces")
    let sample = try Self.runMeasured(
      ["sample", "--model", model, "-n", "80", "--out", faces], in: folder)
    #expect(sample.status == 0, "\(sample.error)")
    let files = try FileManager.default.contentsOfDirectory(atPath: faces).sorted().map {
      faces + "/" + $0
    }
    #expect(files.count == 80)
    let inputs = Array(files.prefix(24))
    let encode = try Self.runMeasured(["encode", "--model", model] + inputs, in: folder)
    #expect(encode.status == 0, "\(encode.error)")
    let reconstruct = try Self.runMeasured(
      ["reconstruct", "--model", model, "--out", folder.file("recon")] + inputs, in: folder)
    #expect(reconstruct.status == 0, "\(reconstruct.error)")
    for (name, run) in [("sample", sample), ("encode", encode), ("reconstruct", reconstruct)] {
      print("\(name) on 512×512 images: peak RSS \(run.peakKilobytes / 1024) MiB")
      #expect(
        run.peakKilobytes < Self.boundKilobytes,
        "\(name): peak RSS \(run.peakKilobytes / 1024) MiB, over \(Self.boundKilobytes / 1024) MiB")
    }
  }
}
