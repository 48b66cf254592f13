import LatentBasics

extension Image {
  /// Decodes a JPEG held in memory through libjpeg-turbo: grayscale files give 1 channel,
  /// others RGB. Truncated or corrupt data (even what libjpeg calls a warning) is an error.
  /// - Parameters:
  ///   - bytes: the whole file.
  ///   - path: the file's name, used only in error messages.
  ///   - limits: headers declaring more pixels than `limits.maximumPixels` are refused.
  /// - Throws: ``LatentError`` naming `path` and the problem.
  package static func decodeJPEG(_ bytes: [UInt8], path: String, limits: ImageLimits = .standard)
    throws(LatentError) -> Image
  {
    if bytes.isEmpty { throw LatentError(.image, path: path, "empty file (0 bytes)") }
    guard ImageFileFormat.sniff(bytes) == .jpeg else {
      throw LatentError(.image, path: path, "not a JPEG file (\(signatureDescription(bytes)))")
    }
    switch TurboJPEG.decode(bytes, limits: limits) {
    case .failure(let failure):
      throw LatentError(.image, path: path, "bad JPEG: \(failure.problem)")
    case .success(let decoded):
      return Image(
        width: decoded.width, height: decoded.height, channels: decoded.channels,
        pixels: decoded.pixels)
    }
  }

  /// Reads the JPEG file at `path` (see ``decodeJPEG(_:path:limits:)``).
  package static func readJPEG(path: String, limits: ImageLimits = .standard)
    throws(LatentError) -> Image
  {
    try decodeJPEG(try FileBytes.read(path: path, limits: limits), path: path, limits: limits)
  }

  /// The bytes of a baseline JPEG of this image at `quality` (1...100), with no chroma
  /// subsampling. Lossy: reading it back gives values near, not equal to, these.
  package func encodeJPEG(quality: Int = 95, path: String = "<memory>") throws(LatentError)
    -> [UInt8]
  {
    if width == 0 || height == 0 {
      throw LatentError(.image, path: path, "cannot write an empty \(width)×\(height) image")
    }
    let result = TurboJPEG.encode(
      pixels: pixels, width: width, height: height, channels: channels,
      quality: min(max(quality, 1), 100))
    switch result {
    case .success(let bytes): return bytes
    case .failure(let failure):
      throw LatentError(.image, path: path, "cannot encode JPEG: \(failure.problem)")
    }
  }

  /// Writes this image as a JPEG file at `path`, atomically (temporary file, then rename).
  package func writeJPEG(to path: String, quality: Int = 95) throws(LatentError) {
    try FileBytes.writeAtomically(try encodeJPEG(quality: quality, path: path), to: path)
  }
}
