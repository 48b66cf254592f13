internal import CPNG
internal import CPNGReader
import LatentBasics

/// Thin wrappers over libpng: reading through the C target `CPNGReader` (libpng's low-level
/// API, whose errors arrive by longjmp, handled in C), writing through libpng's simplified API
/// (`png_image_*`, errors by return value). Nothing of libpng leaves this file.
enum LibPNG {
  /// Decodes a whole PNG held in `bytes` to the 8-bit values stored in the file, keeping alpha
  /// when the file has it (an alpha channel or `tRNS`).
  ///
  /// Gamma and colour-profile chunks are ignored, as PIL and torchvision do; palettes and
  /// 1/2/4-bit gray expand to 8 bits; 16-bit samples become `round(v / 257)`. The header is
  /// checked against `limits` before any pixel memory is allocated.
  static func decode(_ bytes: [UInt8], limits: ImageLimits) -> Result<DecodedPixels, LatentError> {
    bytes.withUnsafeBufferPointer { memory -> Result<DecodedPixels, LatentError> in
      var message = [CChar](repeating: 0, count: Int(LATENT_PNG_MESSAGE_CAPACITY))
      var header = latent_png_header()
      guard let reader = latent_png_begin(memory.baseAddress, memory.count, &header, &message)
      else { return .failure(LatentError(.image, text(of: message))) }
      defer { latent_png_free(reader) }
      let width = Int(header.width)
      let height = Int(header.height)
      if let problem = limits.problem(width: width, height: height) {
        return .failure(LatentError(.image, problem))
      }
      let channels = Int(header.channels)
      var pixels = [UInt8](repeating: 0, count: width * height * channels)
      let finished = pixels.withUnsafeMutableBufferPointer { buffer in
        latent_png_finish(reader, buffer.baseAddress, &message)
      }
      guard finished != 0 else { return .failure(LatentError(.image, text(of: message))) }
      return .success(
        DecodedPixels(width: width, height: height, channels: channels, pixels: pixels))
    }
  }

  /// A NUL-terminated C message as text.
  private static func text(of message: [CChar]) -> String {
    let bytes = message.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
    return bytes.isEmpty
      ? "libpng failed without a message" : String(decoding: bytes, as: UTF8.self)
  }

  /// A PNG file's bytes for 8-bit `pixels` of 1 (gray) or 3 (RGB) interleaved channels.
  static func encode(pixels: [UInt8], width: Int, height: Int, channels: Int)
    -> Result<[UInt8], LatentError>
  {
    var image = png_image()
    image.version = CPNG_IMAGE_VERSION
    image.width = UInt32(width)
    image.height = UInt32(height)
    image.format = channels == 1 ? CPNG_FORMAT_GRAY : CPNG_FORMAT_RGB
    return pixels.withUnsafeBytes { source -> Result<[UInt8], LatentError> in
      var size = 0
      guard png_image_write_to_memory(&image, nil, &size, 0, source.baseAddress, 0, nil) != 0
      else { return .failure(LatentError(.image, message(of: image))) }
      var output = [UInt8](repeating: 0, count: size)
      let written = output.withUnsafeMutableBytes { destination in
        png_image_write_to_memory(
          &image, destination.baseAddress, &size, 0, source.baseAddress, 0, nil)
      }
      guard written != 0 else { return .failure(LatentError(.image, message(of: image))) }
      return .success(Array(output.prefix(size)))
    }
  }

  /// libpng's message for the last failure, as text.
  private static func message(of image: png_image) -> String {
    let text = withUnsafeBytes(of: image.message) { raw in
      String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    return text.isEmpty ? "libpng failed without a message" : text
  }
}
