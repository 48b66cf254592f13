import FaceData
import ImageIO
import LatentBasics
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
  /// from `seed`; code `i` is ``priorCode(dimensions:seed:index:temperature:)`` of index `i`.
  package func priorCodes(count: Int, seed: UInt64, temperature: Float = 1) -> LatentCodes {
    var codes = LatentCodes(dimensions: vae.latentDimensions)
    for index in 0..<count {
      codes.append(
        Self.priorCode(
          dimensions: vae.latentDimensions, seed: seed, index: index, temperature: temperature))
    }
    return codes
  }

  /// Code `index` of the prior codes of `seed` (`latent sample --seed S`'s face `index`, `seed:S`
  /// for index 0, the explorer's `index + 1`-th `r`): `dimensions` consecutive normals of the
  /// generator's stream `index` of `seed`, times `temperature` (docs/random-numbers.md).
  package static func priorCode(
    dimensions: Int, seed: UInt64, index: Int, temperature: Float = 1
  ) -> [Float] {
    var generator = SeededGenerator(seed: seed, stream: index)
    return (0..<dimensions).map { _ in generator.normal() * temperature }
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
