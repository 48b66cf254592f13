import Foundation

/// Whole-file reads with a size bound, and atomic writes (temporary file, then rename).
enum FileBytes {
  /// The bytes of the file at `path`; throws when it is missing, a folder, empty or too large.
  static func read(path: String, limits: ImageLimits) throws(ImageIOError) -> [UInt8] {
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw ImageIOError(path: path, problem: "cannot read the file (no such file or no access)")
    }
    if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
      throw ImageIOError(path: path, problem: "is a folder, not an image file")
    }
    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    if size == 0 { throw ImageIOError(path: path, problem: "empty file (0 bytes)") }
    if size > limits.maximumFileBytes {
      throw ImageIOError(
        path: path, problem: "file is \(size) bytes, over the limit of \(limits.maximumFileBytes)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ImageIOError(path: path, problem: "cannot read the file")
    }
    if data.isEmpty { throw ImageIOError(path: path, problem: "empty file (0 bytes)") }
    return [UInt8](data)
  }

  /// Writes `bytes` to `path` so that readers see the old file or the whole new one, never a
  /// part: the bytes go to a temporary file in the same folder, which is then renamed.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(ImageIOError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)"
        + ".\(UInt32.random(in: 0...UInt32.max)).tmp")
    do {
      let handle = try createExclusively(temporary)
      defer { try? handle.close() }
      try handle.write(contentsOf: bytes)
      try handle.synchronize()
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw ImageIOError(
        path: path, problem: "cannot write the file (\(error.localizedDescription))")
    }
    if rename(temporary.path, path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw ImageIOError(path: path, problem: "cannot move the new file into place (\(reason))")
    }
  }

  /// A handle on a new, empty file at `url`, which must not exist yet.
  private static func createExclusively(_ url: URL) throws -> FileHandle {
    let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    if descriptor < 0 {
      throw CocoaError(
        .fileWriteUnknown,
        userInfo: [
          NSLocalizedDescriptionKey: String(cString: strerror(errno))
        ])
    }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  }
}
