import LatentUI
import FaceData
import FaceVAE
import ImageIO
import Dispatch
import LatentBasics

/// The model copy that decodes faces for the screen; used only on ``FaceDecoder``'s queue.
final class DecodeEngine {
  let vae: VariationalAutoencoder
  let dataset: FaceDataset?

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
      result.codes = vae.encode(ImageBatch(dataset, items: valid)).mean
      result.images = decode(result.codes)
      result.originals = valid.map { dataset.image($0) }
    case .encodeFile(let path):
      do {
        let image = try Image.read(path: path)
        let config = vae.config
        let prepare = Preprocessing(
          width: config.width, height: config.height, channels: config.channels)
        guard
          let input = ImageBatch(
            channels: config.channels, height: config.height, width: config.width,
            values: prepare(image))
        else { preconditionFailure("preprocessing gives the model's image size") }
        result.codes = vae.encode(input).mean
        result.originals = [image]
        result.images = decode(result.codes)
      } catch {
        result.error = error.description
      }
    }
    result.milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    return result
  }

  /// Decodes each code to an image (none when the codes do not fit the model).
  func decode(_ codes: LatentCodes) -> [Image] {
    guard codes.dimensions == vae.latentDimensions else { return [] }
    return vae.images(decoding: codes)
  }
}
