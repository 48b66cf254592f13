import FaceData
import ImageIO
import NeuralCore

extension FaceModel {
  /// Codes the decoder sees at a time when turning many codes into images.
  package static let decodeChunk = 64

  /// Decodes each code to an 8-bit image of the model's size, in chunks.
  package func images(decoding codes: LatentCodes) -> [Image] {
    var images = [Image]()
    images.reserveCapacity(codes.count)
    var start = 0
    while start < codes.count {
      let end = min(codes.count, start + Self.decodeChunk)
      images += vae.images(decoding: codes.rows(start..<end))
      start = end
    }
    return images
  }

  /// `count` codes drawn from the prior scaled by `temperature`: z ~ N(0, T²·I), reproducible
  /// from `seed`.
  package func priorCodes(count: Int, seed: UInt64, temperature: Float = 1) -> LatentCodes {
    var generator = SeededGenerator(seed: seed)
    var codes = LatentCodes(dimensions: vae.latentDimensions)
    codes.refill(count: count) { generator.normal() * temperature }
    return codes
  }

  /// The posterior mean of one image, after the model's preprocessing (resize and crop to the
  /// model's size, scale to [0, 1]).
  package func encode(image: Image) -> [Float] {
    let preprocessing = Preprocessing(
      width: config.width, height: config.height, channels: config.channels)
    let values = ImageBatch(
      channels: config.channels, height: config.height, width: config.width,
      values: preprocessing(image))
    guard let values else { preconditionFailure("preprocessing gives the model's image size") }
    return vae.encode(values).mean[0]
  }
}
