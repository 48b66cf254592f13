import FaceData
import FaceVAE
import ImageIO
import Dispatch

/// The model copy that decodes faces for the screen; used only on ``FaceDecoder``'s queue.
final class DecodeEngine {
  let vae: VariationalAutoencoder
  let dataset: FaceDataset?
  private var scratch: [Float] = []

  init(vae: VariationalAutoencoder, dataset: FaceDataset?) {
    self.vae = vae
    self.dataset = dataset
  }

  /// Carries out `request`.
  func run(_ request: DecodeRequest) -> DecodeResult {
    let start = DispatchTime.now().uptimeNanoseconds
    var result = DecodeResult(
      slot: request.slot, serial: request.serial, images: [], milliseconds: 0)
    switch request.work {
    case .codes(let codes): result.images = decode(codes)
    case .reconstruct(let items):
      guard let dataset else {
        result.error = "no dataset to reconstruct from"
        break
      }
      let valid = items.filter { $0 >= 0 && $0 < dataset.count }
      var inputs = [Float](repeating: 0, count: valid.count * vae.imageSize)
      inputs.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for (k, item) in valid.enumerated() {
          dataset.copySample(item, into: base + k * vae.imageSize)
        }
      }
      result.codes = encode(&inputs, count: valid.count)
      result.images = decode(result.codes)
      result.originals = valid.map { dataset.image($0) }
    case .encodeFile(let path):
      do {
        let image = try Image.read(path: path)
        let config = vae.config
        let prepare = Preprocessing(
          width: config.width, height: config.height, channels: config.channels)
        var inputs = prepare(image)
        result.codes = encode(&inputs, count: 1)
        result.originals = [image]
        result.images = decode(result.codes)
      } catch {
        result.error = error.description
      }
    }
    result.milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    return result
  }

  /// Decodes each code to an image.
  func decode(_ codes: [[Float]]) -> [Image] {
    let d = vae.latentDimensions
    let valid = codes.filter { $0.count == d }
    guard !valid.isEmpty else { return [] }
    scratch = valid.flatMap { $0 }
    let config = vae.config
    let size = vae.imageSize
    return scratch.withUnsafeMutableBufferPointer { buffer -> [Image] in
      guard let base = buffer.baseAddress else { return [] }
      let output = vae.decode(base, batch: valid.count)
      return (0..<valid.count).map { k in
        Image(
          planar: UnsafeBufferPointer(start: output + k * size, count: size),
          channels: config.channels, height: config.height, width: config.width)
      }
    }
  }

  /// Posterior means of `count` images laid out in `inputs`.
  func encode(_ inputs: inout [Float], count: Int) -> [[Float]] {
    guard count > 0 else { return [] }
    let d = vae.latentDimensions
    return inputs.withUnsafeMutableBufferPointer { buffer -> [[Float]] in
      guard let base = buffer.baseAddress else { return [] }
      let mean = vae.encode(base, batch: count).mean
      return (0..<count).map { Array(UnsafeBufferPointer(start: mean + $0 * d, count: d)) }
    }
  }
}
