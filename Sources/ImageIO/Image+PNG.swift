import LatentBasics

extension Image {
  /// Decodes a PNG held in memory to the values it stores, as PIL and torchvision read them:
  /// 1- to 16-bit gray, gray+alpha, RGB, RGBA or palette, interlaced or not.
  ///
  /// Gray files give 1 channel, colour and palette files 3. Gamma and colour-profile chunks
  /// (`gAMA`, `sRGB`, `iCCP`, `cHRM`) are ignored; 16-bit samples become `round(v / 257)`.
  /// Transparency (an alpha channel or a `tRNS` chunk) is composited over `background` (its
  /// luma for gray files) in stored values, never dropped.
  /// - Parameters:
  ///   - bytes: the whole file.
  ///   - path: the file's name, used only in error messages.
  ///   - background: the colour under transparent pixels.
  ///   - limits: headers declaring more pixels than `limits.maximumPixels` are refused.
  /// - Throws: ``LatentError`` naming `path` and the problem.
  package static func decodePNG(
    _ bytes: [UInt8], path: String, background: RGBColor = .white, limits: ImageLimits = .standard
  ) throws(LatentError) -> Image {
    if bytes.isEmpty { throw LatentError(.image, path: path, "empty file (0 bytes)") }
    guard ImageFileFormat.sniff(bytes) == .png else {
      throw LatentError(.image, path: path, "not a PNG file (\(signatureDescription(bytes)))")
    }
    switch LibPNG.decode(bytes, limits: limits) {
    case .failure(let failure):
      throw LatentError(.image, path: path, "bad PNG: \(failure.problem)")
    case .success(let decoded):
      if decoded.channels == 1 || decoded.channels == 3 {
        return Image(
          width: decoded.width, height: decoded.height, channels: decoded.channels,
          pixels: decoded.pixels)
      }
      return compositing(
        decoded.pixels, width: decoded.width, height: decoded.height,
        colorChannels: decoded.channels - 1, over: background)
    }
  }

  /// Reads the PNG file at `path` (see ``decodePNG(_:path:background:limits:)``).
  package static func readPNG(
    path: String, background: RGBColor = .white, limits: ImageLimits = .standard
  ) throws(LatentError) -> Image {
    let bytes = try FileBytes.read(path: path, limits: limits)
    return try decodePNG(bytes, path: path, background: background, limits: limits)
  }

  /// The bytes of an 8-bit PNG file of this image (gray or RGB, as its channels).
  /// - Parameter path: named in the error, if libpng refuses.
  package func encodePNG(path: String = "<memory>") throws(LatentError) -> [UInt8] {
    if width == 0 || height == 0 {
      throw LatentError(.image, path: path, "cannot write an empty \(width)×\(height) image")
    }
    switch LibPNG.encode(pixels: pixels, width: width, height: height, channels: channels) {
    case .success(let bytes): return bytes
    case .failure(let failure):
      throw LatentError(.image, path: path, "cannot encode PNG: \(failure.problem)")
    }
  }

  /// Writes this image as an 8-bit PNG file at `path`, atomically: a temporary file in the same
  /// folder is written and then renamed, so a crash never leaves a half-written file.
  package func writePNG(to path: String) throws(LatentError) {
    let bytes = try encodePNG(path: path)
    try FileBytes.writeAtomically(bytes, to: path)
  }

  /// What the first bytes of a file look like, for error messages.
  static func signatureDescription(_ bytes: [UInt8]) -> String {
    switch ImageFileFormat.sniff(bytes) {
    case .some(let format): return "its content is \(format.rawValue)"
    case .none:
      let head = bytes.prefix(4).map { String($0, radix: 16, uppercase: true) }
      return "unknown signature \(head.joined(separator: " "))"
    }
  }
}
