#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder a command fills with files, undone when the command fails part-way (a full disk):
/// the files it wrote are removed, and so are the folders it created; a folder that was
/// already there stays, with what it held before.
///
/// ```swift
/// try OutputFolder.filling("frames") { folder in
///   for (k, image) in images.enumerated() { try image.writePNG(to: folder.file("\(k).png")) }
/// }
/// ```
package struct OutputFolder {
  /// The folder's path, as given.
  package let path: String
  /// The folders this created (`path` and missing parents), outermost first.
  private let created: [String]
  /// The files handed out by ``file(_:)``, which the command writes.
  private var written: [String] = []

  /// Creates `path` and any missing parents (nothing when it is a folder already).
  package init(_ path: String) throws(LatentError) {
    self.path = path
    created = try POSIXFile.createFolder(path)
  }

  /// The path of `name` inside the folder, which the caller is about to write: a failure
  /// removes it again.
  package mutating func file(_ name: String) -> String {
    let file = path.hasSuffix("/") ? path + name : path + "/" + name
    written.append(file)
    return file
  }

  /// Removes the files handed out and then the folders created (innermost first; a folder
  /// that holds anything else stays).
  package func discard() {
    for file in written { unlink(file) }
    for folder in created.reversed() { rmdir(folder) }
  }

  /// Runs `body` on the folder `path` (created when missing) and returns its result; when
  /// `body` throws, discards what it wrote (``discard()``) and rethrows.
  package static func filling<Result>(
    _ path: String, _ body: (inout OutputFolder) throws -> Result
  ) throws -> Result {
    var folder = try OutputFolder(path)
    do {
      return try body(&folder)
    } catch {
      folder.discard()
      throw error
    }
  }
}
