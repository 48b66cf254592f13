import FaceVAE
import FoundationEssentials
import LatentBasics
import SafeTensors

/// A model file as `latent` loads it: the safetensors container, then `latent.format`,
/// the config JSON (layers, heads, limits, the blueprint worked out before allocation), every
/// weight's presence, shape and finiteness, and the statistics, codes and attributes.
enum FuzzTarget {
  static func run(_ bytes: [UInt8]) {
    guard let file = try? SafeTensorsFile.parse(bytes: bytes, source: "fuzz.safetensors") else {
      return
    }
    _ = try? FaceModel(file: file, path: "fuzz.safetensors")
  }

  static func writeSeeds(into folder: String) throws(LatentError) {
    let mlp = try FaceModel(
      vae: VariationalAutoencoder(
        config: .mlp(width: 4, height: 3, hidden: 5, latent: 2), seed: 1),
      klPerDimension: [0.5, 0.25],
      codes: LatentCodes(dimensions: 2, values: [0.1, -0.2, 0.3, 0.4]), codeLabels: [0, -1],
      attributes: ["smile": [1, 0]])
    try mlp.save(to: folder + "/mlp.safetensors")
    try mlp.save(to: folder + "/mlp-f16.safetensors", halfPrecision: true)
    let conv = try FaceModel(
      vae: VariationalAutoencoder(
        config: .conv(
          size: 8, channels: 1, latent: 2, likelihood: .gaussian(sigma: 0.3, learned: true)),
        seed: 2))
    try conv.save(to: folder + "/conv.safetensors")
    // Format 2, from its JSON: named layers, own heads, BatchNorm, a residual block, Upsample,
    // input and output mapping.
    let formatTwo = #"""
      {"name": "format2", "channels": 1, "height": 4, "width": 4, "latent_dim": 2,
       "likelihood": {"kind": "gaussian", "sigma": 0.2, "learned": false},
       "input_normalize": {"mean": [0.5], "std": [0.5]}, "output_range": [-1, 1],
       "encoder": [
         {"type": "Conv2d", "name": "enc.0", "in_channels": 1, "out_channels": 2,
          "kernel_size": [3, 2], "stride": 2, "padding": [1, 0]},
         {"type": "BatchNorm2d", "name": "enc.1", "num_features": 2, "eps": 1e-5,
          "momentum": 0.1, "affine": true},
         {"type": "SiLU"}, {"type": "Flatten"}],
       "mu": [{"type": "Linear", "name": "mu", "in_features": 8, "out_features": 2}],
       "logvar": [{"type": "Linear", "name": "var.0", "in_features": 8, "out_features": 3,
                   "bias": false}, {"type": "ELU", "alpha": 1.0},
                  {"type": "Linear", "name": "var.2", "in_features": 3, "out_features": 2}],
       "decoder": [
         {"type": "Linear", "name": "fc", "in_features": 2, "out_features": 4},
         {"type": "BatchNorm1d", "name": "fc_norm", "num_features": 4, "momentum": null},
         {"type": "Unflatten", "shape": [1, 2, 2]},
         {"type": "Upsample", "scale_factor": 2, "mode": "bilinear"},
         {"type": "Residual", "body": [
           {"type": "Conv2d", "name": "res", "in_channels": 1, "out_channels": 1,
            "kernel_size": 3, "padding": 1}, {"type": "GELU", "approximate": "tanh"}],
          "shortcut": []},
         {"type": "Dropout", "p": 0.1}, {"type": "Tanh"}]}
      """#
    let config: VAEConfig
    do {
      config = try JSONDecoder().decode(VAEConfig.self, from: Data(formatTwo.utf8))
    } catch {
      throw LatentError(.configuration, path: "format2.safetensors", "seed config: \(error)")
    }
    try FaceModel(vae: VariationalAutoencoder(config: config, seed: 3))
      .save(to: folder + "/format2.safetensors")
  }
}
