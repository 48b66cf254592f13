import LatentBasics

/// Whole-file reads with a size bound, and atomic writes (temporary file, then rename),
/// with the problems worded for image files.
enum FileBytes {
  /// The bytes of the file at `path`; throws when it is missing, a folder, empty or too large.
  static func read(path: String, limits: ImageLimits) throws(LatentError) -> [UInt8] {
    let bytes: [UInt8]
    do {
      bytes = try POSIXFile.readAll(path, maximumBytes: limits.maximumFileBytes)
    } catch {
      switch error.kind {
      case .cannotOpen:
        // The system's reason: no such file, no permission, a loop of symbolic links, …
        let reason = error.problem.replacing("cannot open: ", with: "")
        throw LatentError(.cannotOpen, path: path, "cannot read the file: \(reason)")
      case .isFolder:
        throw LatentError(.isFolder, path: path, "is a folder, not an image file")
      default:
        throw LatentError(error.kind, path: path, error.problem)
      }
    }
    if bytes.isEmpty { throw LatentError(.image, path: path, "empty file (0 bytes)") }
    return bytes
  }

  /// Writes `bytes` to `path` so that readers see the old file or the whole new one, never a
  /// part: the bytes go to a temporary file in the same folder, which is then renamed.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(LatentError) {
    do {
      try POSIXFile.writeAtomically(bytes, to: path)
    } catch {
      throw LatentError(error.kind, path: path, "cannot write the file (\(error.problem))")
    }
  }
}
