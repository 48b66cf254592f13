internal import CTurboJPEG
import LatentBasics

// Unsafe pointers: a wrapper of TurboJPEG's C API.

/// Thin wrappers over TurboJPEG 2.1 (`tjDecompressHeader3`, `tjDecompress2`, `tjCompress2`),
/// which report errors by return value. Nothing of TurboJPEG leaves this file.
enum TurboJPEG {
  /// Decodes a whole JPEG held in `bytes`: grayscale files to 1 channel, others to RGB.
  /// Warnings (such as a truncated file) count as failures.
  static func decode(_ bytes: [UInt8], limits: ImageLimits) -> Result<DecodedPixels, LatentError> {
    guard let handle = tjInitDecompress() else {
      return .failure(LatentError(.image, "cannot start the JPEG decoder"))
    }
    defer { tjDestroy(handle) }
    guard !bytes.isEmpty else { return .failure(LatentError(.image, "no data")) }
    var width: Int32 = 0
    var height: Int32 = 0
    var subsampling: Int32 = 0
    var colorspace: Int32 = 0
    guard
      tjDecompressHeader3(
        handle, bytes, UInt(bytes.count), &width, &height, &subsampling, &colorspace) == 0
    else { return .failure(LatentError(.image, errorMessage(handle))) }
    if let problem = limits.problem(width: Int(width), height: Int(height)) {
      return .failure(LatentError(.image, problem))
    }
    let isGray = colorspace == Int32(TJCS_GRAY.rawValue)
    let channels = isGray ? 1 : 3
    let format = isGray ? TJPF_GRAY : TJPF_RGB
    var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * channels)
    let status = tjDecompress2(
      handle, bytes, UInt(bytes.count), &pixels, width, 0, height,
      Int32(format.rawValue), TJFLAG_STOPONWARNING | TJFLAG_ACCURATEDCT)
    guard status == 0 else { return .failure(LatentError(.image, errorMessage(handle))) }
    return .success(
      DecodedPixels(width: Int(width), height: Int(height), channels: channels, pixels: pixels))
  }

  /// A baseline JPEG file's bytes for 8-bit `pixels` of 1 (gray) or 3 (RGB) interleaved
  /// channels, at `quality` 1...100 with 4:4:4 chroma (no subsampling).
  static func encode(pixels: [UInt8], width: Int, height: Int, channels: Int, quality: Int)
    -> Result<[UInt8], LatentError>
  {
    guard let handle = tjInitCompress() else {
      return .failure(LatentError(.image, "cannot start the JPEG encoder"))
    }
    defer { tjDestroy(handle) }
    let format = channels == 1 ? TJPF_GRAY : TJPF_RGB
    let subsampling = channels == 1 ? TJSAMP_GRAY : TJSAMP_444
    var output: UnsafeMutablePointer<UInt8>? = nil
    var size: UInt = 0
    defer { if let output { tjFree(output) } }
    let status = pixels.withUnsafeBufferPointer { source in
      tjCompress2(
        handle, source.baseAddress, Int32(width), 0, Int32(height), Int32(format.rawValue),
        &output, &size, Int32(subsampling.rawValue), Int32(quality), TJFLAG_ACCURATEDCT)
    }
    guard status == 0, let output else {
      return .failure(LatentError(.image, errorMessage(handle)))
    }
    return .success(Array(UnsafeBufferPointer(start: output, count: Int(size))))
  }

  /// TurboJPEG's message for the last failure on `handle`.
  private static func errorMessage(_ handle: tjhandle) -> String {
    guard let text = tjGetErrorStr2(handle) else { return "TurboJPEG failed without a message" }
    return String(cString: text)
  }
}
