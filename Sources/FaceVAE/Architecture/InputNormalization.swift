/// torchvision's `Normalize`: what the encoder sees of an image in [0, 1] is
/// (x − mean[c]) / std[c] per channel. An input range of [−1, 1] is mean 0.5, std 0.5.
package struct InputNormalization: Hashable, Sendable, Codable {
  /// One value per image channel.
  package var mean: [Float]
  /// One positive value per image channel.
  package var std: [Float]

  package init(mean: [Float], std: [Float]) {
    self.mean = mean
    self.std = std
  }

  /// The scale and shift of y = x·scale + shift per channel.
  package var scaleAndShift: (scale: [Float], shift: [Float]) {
    (std.map { 1 / $0 }, zip(mean, std).map { -$0 / $1 })
  }
}
