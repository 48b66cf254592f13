import FaceData
import ImageIO
import LatentBasics
import NeuralCore

extension FaceModel {
  /// Codes the decoder sees at a time when turning many codes into images.
  package static let decodeChunk = 64

  /// Decodes each code (`[D]` each) to an 8-bit image of the model's size, in chunks.
  package func images(decoding codes: [[Float]]) -> [Image] {
    let config = self.config
    let d = vae.latentDimensions
    var images = [Image]()
    images.reserveCapacity(codes.count)
    var start = 0
    while start < codes.count {
      let chunk = codes[start..<min(codes.count, start + Self.decodeChunk)]
      precondition(chunk.allSatisfy { $0.count == d }, "a code has the wrong length")
      let values = decode(codes: chunk.flatMap { $0 })
      for k in 0..<chunk.count {
        let slice = Array(values[(k * vae.imageSize)..<((k + 1) * vae.imageSize)])
        images.append(
          Image(planar: slice, channels: config.channels, height: config.height, width: config.width))
      }
      start += chunk.count
    }
    return images
  }

  /// `count` codes drawn from the prior scaled by `temperature`: z ~ N(0, T²·I), reproducible
  /// from `seed`; code `i` is ``priorCode(dimensions:seed:index:temperature:)`` of index `i`.
  package func priorCodes(count: Int, seed: UInt64, temperature: Float = 1) -> [[Float]] {
    (0..<count).map {
      Self.priorCode(
        dimensions: vae.latentDimensions, seed: seed, index: $0, temperature: temperature)
    }
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
    var values = preprocessing(image)
    return values.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return [] }
      let (mean, _) = vae.encode(base, batch: 1)
      return Array(UnsafeBufferPointer(start: mean, count: vae.latentDimensions))
    }
  }
}
