import LatentBasics

extension Image {
  /// Reads a PNG or JPEG file, as its content says, and checks that its name does not claim the
  /// other format (a PNG named `.jpg` is an error, so mislabelled files are noticed).
  /// Names with another or no extension are read by content alone.
  /// - Parameters:
  ///   - path: the file.
  ///   - background: the colour under transparent PNG pixels.
  ///   - limits: bounds on file size and declared pixel count.
  /// - Throws: ``LatentError`` (`<path>: <problem>`) for any file that is not a sound image.
  package static func read(
    path: String, background: RGBColor = .white, limits: ImageLimits = .standard
  ) throws(LatentError) -> Image {
    let bytes = try FileBytes.read(path: path, limits: limits)
    let content = ImageFileFormat.sniff(bytes)
    let claimed = ImageFileFormat.claimed(byName: path)
    if let content, let claimed, content != claimed {
      throw LatentError(
        .image, path: path, "named as \(claimed.rawValue) but its content is \(content.rawValue)")
    }
    switch content ?? claimed {
    case .png: return try decodePNG(bytes, path: path, background: background, limits: limits)
    case .jpeg: return try decodeJPEG(bytes, path: path, limits: limits)
    case .none:
      throw LatentError(
        .image, path: path, "not a PNG or JPEG file (\(signatureDescription(bytes)))")
    }
  }
}
