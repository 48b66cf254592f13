internal import CPNG
import LatentBasics

/// Thin wrappers over libpng's simplified API (`png_image_*`), which reports errors by return
/// value instead of longjmp. Nothing of libpng leaves this file.
enum LibPNG {
  /// Decodes a whole PNG held in `bytes` to 8 bits per channel, keeping alpha when the file has
  /// it (16-bit files are scaled to 8 bits as sRGB values, palettes are expanded).
  static func decode(_ bytes: [UInt8], limits: ImageLimits) -> Result<DecodedPixels, LatentError> {
    bytes.withUnsafeBytes { memory -> Result<DecodedPixels, LatentError> in
      var image = png_image()
      image.version = CPNG_IMAGE_VERSION
      guard png_image_begin_read_from_memory(&image, memory.baseAddress, memory.count) != 0 else {
        return .failure(LatentError(.image, message(of: image)))
      }
      let width = Int(image.width)
      let height = Int(image.height)
      if let problem = limits.problem(width: width, height: height) {
        png_image_free(&image)
        return .failure(LatentError(.image, problem))
      }
      let hasColor = image.format & CPNG_FORMAT_FLAG_COLOR != 0
      let hasAlpha = image.format & CPNG_FORMAT_FLAG_ALPHA != 0
      let channels = (hasColor ? 3 : 1) + (hasAlpha ? 1 : 0)
      image.format =
        hasColor
        ? (hasAlpha ? CPNG_FORMAT_RGBA : CPNG_FORMAT_RGB)
        : (hasAlpha ? CPNG_FORMAT_GA : CPNG_FORMAT_GRAY)
      image.flags |= CPNG_IMAGE_FLAG_16BIT_sRGB
      var pixels = [UInt8](repeating: 0, count: width * height * channels)
      let finished = pixels.withUnsafeMutableBytes { buffer in
        png_image_finish_read(&image, nil, buffer.baseAddress, 0, nil)
      }
      guard finished != 0 else { return .failure(LatentError(.image, message(of: image))) }
      return .success(
        DecodedPixels(width: width, height: height, channels: channels, pixels: pixels))
    }
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
