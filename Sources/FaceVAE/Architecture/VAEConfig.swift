import NeuralCore

/// The architecture of a VAE: image size, latent size, likelihood, and the
/// encoder, heads and decoder as layer lists. Stored as JSON in the model file
/// (`latent.config`), and the same JSON builds the PyTorch model.
///
/// The encoder maps `[N, C, H, W]` images (after ``inputNormalization``) to features; the
/// heads map the features to `[N, latent]` means and log-variances (by default
/// `Linear(F, latent)` named `fc_mu` and `fc_logvar`); the decoder maps `[N, latent]`
/// codes back to `[N, C·H·W]` values (logits for Bernoulli, means on the
/// ``outputRange`` scale for Gaussian).
package struct VAEConfig: Hashable, Sendable, Codable {
  /// A short name, e.g. `conv64` or `mlp`.
  package var name: String
  /// Image channels: 1 (gray) or 3 (RGB).
  package var channels: Int
  /// Image rows.
  package var height: Int
  /// Image columns.
  package var width: Int
  /// Latent dimensions.
  package var latentDimensions: Int
  package var likelihood: Likelihood
  /// log σ² is clamped to this range before use (keeps exp from overflowing).
  package var logVarianceRange: ClosedRange<Float>
  package var encoder: [LayerSpec]
  /// Layers from the encoder's features to the posterior means; nil: `Linear(F, latent)` `fc_mu`.
  package var meanHead: [LayerSpec]?
  /// Layers from the features to the log-variances; nil: `Linear(F, latent)` `fc_logvar`.
  package var logVarianceHead: [LayerSpec]?
  package var decoder: [LayerSpec]
  /// How images in [0, 1] are mapped before the encoder; nil: not at all.
  package var inputNormalization: InputNormalization?
  /// The scale of a Gaussian decoder's output (`[-1, 1]` for a final Tanh); nil: [0, 1].
  package var outputRange: ClosedRange<Float>?

  private enum CodingKeys: String, CodingKey {
    case name, channels, height, width
    case latentDimensions = "latent_dim"
    case likelihood
    case logVarianceRange = "logvar_clamp"
    case encoder, decoder
    case meanHead = "mu"
    case logVarianceHead = "logvar"
    case inputNormalization = "input_normalize"
    case outputRange = "output_range"
  }

  package init(
    name: String, channels: Int, height: Int, width: Int, latentDimensions: Int,
    likelihood: Likelihood = .bernoulli, logVarianceRange: ClosedRange<Float> = -30...20,
    encoder: [LayerSpec], meanHead: [LayerSpec]? = nil, logVarianceHead: [LayerSpec]? = nil,
    decoder: [LayerSpec], inputNormalization: InputNormalization? = nil,
    outputRange: ClosedRange<Float>? = nil
  ) {
    self.name = name
    self.channels = channels
    self.height = height
    self.width = width
    self.latentDimensions = latentDimensions
    self.likelihood = likelihood
    self.logVarianceRange = logVarianceRange
    self.encoder = encoder
    self.meanHead = meanHead
    self.logVarianceHead = logVarianceHead
    self.decoder = decoder
    self.inputNormalization = inputNormalization
    self.outputRange = outputRange
  }

  package init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    channels = try c.decode(Int.self, forKey: .channels)
    height = try c.decode(Int.self, forKey: .height)
    width = try c.decode(Int.self, forKey: .width)
    latentDimensions = try c.decode(Int.self, forKey: .latentDimensions)
    likelihood = try c.decodeIfPresent(Likelihood.self, forKey: .likelihood) ?? .bernoulli
    let range = try c.decodeIfPresent([Float].self, forKey: .logVarianceRange) ?? [-30, 20]
    guard range.count == 2, range[0].isFinite, range[1].isFinite, range[0] < range[1] else {
      throw DecodingError.dataCorruptedError(
        forKey: .logVarianceRange, in: c, debugDescription: "logvar_clamp must be [low, high]")
    }
    logVarianceRange = range[0]...range[1]
    self.encoder = try c.decode([LayerSpec].self, forKey: .encoder)
    self.decoder = try c.decode([LayerSpec].self, forKey: .decoder)
    meanHead = try c.decodeIfPresent([LayerSpec].self, forKey: .meanHead)
    logVarianceHead = try c.decodeIfPresent([LayerSpec].self, forKey: .logVarianceHead)
    inputNormalization = try c.decodeIfPresent(
      InputNormalization.self, forKey: .inputNormalization)
    if let bounds = try c.decodeIfPresent([Float].self, forKey: .outputRange) {
      guard bounds.count == 2, bounds[0].isFinite, bounds[1].isFinite, bounds[0] < bounds[1]
      else {
        throw DecodingError.dataCorruptedError(
          forKey: .outputRange, in: c, debugDescription: "output_range must be [low, high]")
      }
      outputRange = bounds[0]...bounds[1]
    }
  }

  package func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(channels, forKey: .channels)
    try c.encode(height, forKey: .height)
    try c.encode(width, forKey: .width)
    try c.encode(latentDimensions, forKey: .latentDimensions)
    try c.encode(likelihood, forKey: .likelihood)
    try c.encode(
      [logVarianceRange.lowerBound, logVarianceRange.upperBound], forKey: .logVarianceRange)
    try c.encode(self.encoder, forKey: .encoder)
    try c.encode(self.decoder, forKey: .decoder)
    try c.encodeIfPresent(meanHead, forKey: .meanHead)
    try c.encodeIfPresent(logVarianceHead, forKey: .logVarianceHead)
    try c.encodeIfPresent(inputNormalization, forKey: .inputNormalization)
    try c.encodeIfPresent(
      outputRange.map { [$0.lowerBound, $0.upperBound] }, forKey: .outputRange)
  }

  /// Shape of one image.
  package var imageShape: Shape { Shape(channels: channels, height: height, width: width) }
}
