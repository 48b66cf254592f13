#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and crash-safe writes on plain system calls, with errors that name
/// the file and give `errno` in words.
///
/// Plain system calls rather than Foundation, so that the atomic write can fsync the
/// file and its folder, and so that the modules reading and writing files (model files,
/// images) need nothing heavier.
package enum POSIXFile {
  /// The whole content of the regular file at `path`, which may hold at most `maximumBytes`.
  ///
  /// Anything but a regular file is refused before a byte is read (``RegularFile``).
  package static func readAll(
    _ path: String, maximumBytes: Int = .max
  ) throws(LatentError) -> [UInt8] {
    let file = try RegularFile(opening: path)
    guard file.size <= maximumBytes else {
      throw LatentError(
        .tooLarge, path: path, "file is \(file.size) bytes, over the limit of \(maximumBytes)")
    }
    return try file.read(offset: 0, count: file.size)
  }

  /// Saves `bytes` to `path` so that a crash never leaves a broken file there.
  ///
  /// Writes a temporary file `.NAME.tmp-PID-RANDOM` in the same folder, fsyncs it,
  /// renames it over `path` (atomic on POSIX) and fsyncs the folder. On any error the
  /// temporary file is removed; an error before the rename leaves a file at `path` as it was.
  ///
  /// Temporary files of this name left by processes that are gone (killed while saving)
  /// are removed first.
  ///
  /// With `expected` (what the caller last saw at `path`), a file at `path` that is no longer
  /// that is left alone and the bytes go to the first free `NAME.1.EXT`, `NAME.2.EXT`, …
  /// beside it. The rename happens under an exclusive `flock` on the folder, which every save
  /// here takes, so the check and the rename are atomic against other latent processes.
  /// Returns the path written and what is there now.
  @discardableResult
  package static func writeAtomically(
    _ bytes: [UInt8], to path: String, expecting expected: FileIdentity? = nil
  ) throws(LatentError) -> (path: String, identity: FileIdentity) {
    let (folder, fileName) = split(path)
    guard !fileName.isEmpty else {
      throw LatentError(.inputOutput, path: path, "is not a file name: it ends with '/'")
    }
    removeStaleTemporaryFiles(of: fileName, in: folder)
    let temporaryPath = temporaryPath(for: fileName, in: folder)
    do throws(LatentError) {
      do {
        try writeNewFile(temporaryPath, bytes: bytes)
      } catch {
        // The temporary file's name means nothing to the user: the error is about `path`.
        throw LatentError(error.kind, path: path, error.problem)
      }
      // The lock only orders latent's own saves: a file system without flock (ENOLCK,
      // EOPNOTSUPP) saves unlocked rather than not at all.
      let lock = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      defer { if lock >= 0 { close(lock) } }
      while lock >= 0, flock(lock, LOCK_EX) != 0, errno == EINTR {}
      var destination = path
      if let expected, FileIdentity.of(path) != expected {
        destination = freePathBeside(path)
      }
      guard renameFile(temporaryPath, destination) == 0 else {
        throw failure(destination, "cannot move the written file into place")
      }
      let identity = FileIdentity.of(destination)
      try syncFolder(folder)
      return (destination, identity)
    } catch {
      unlink(temporaryPath)
      throw error
    }
  }

  /// The first of `NAME.1.EXT`, `NAME.2.EXT`, … (`NAME.1` without an extension) beside
  /// `path` that does not exist yet.
  package static func freePathBeside(_ path: String) -> String {
    let name = path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...]
    let dot = name.dropFirst().lastIndex(of: ".") ?? path.endIndex
    let stem = path[..<dot]
    let ext = path[dot...]
    var number = 1
    while exists("\(stem).\(number)\(ext)") { number += 1 }
    return "\(stem).\(number)\(ext)"
  }

  /// Checks, before long work, that ``writeAtomically(_:to:)`` can save to `path`: that a
  /// temporary file can be created in its folder (it is removed again at once).
  package static func checkCanSave(to path: String) throws(LatentError) {
    let (folder, fileName) = split(path)
    guard !fileName.isEmpty else {
      throw LatentError(.inputOutput, path: path, "is not a file name: it ends with '/'")
    }
    let probe = temporaryPath(for: fileName, in: folder)
    let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure(path, "cannot save here") }
    close(descriptor)
    unlink(probe)
  }

  /// `FOLDER/.NAME.tmp-PID-RANDOM`, a fresh temporary name for saving `fileName`.
  private static func temporaryPath(for fileName: String, in folder: String) -> String {
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    return folder + "/." + fileName + ".tmp-\(getpid())-" + suffix
  }

  /// Removes `.NAME.tmp-PID-*` files in `folder` whose process no longer exists.
  private static func removeStaleTemporaryFiles(of fileName: String, in folder: String) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    let prefix = "." + fileName + ".tmp-"
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard name.hasPrefix(prefix) else { continue }
      let rest = name.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0,
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      unlink(folder + "/" + name)
    }
  }

  /// Writes all of `bytes` to `descriptor`, retrying after interruptions (and, for a
  /// non-blocking terminal, when it is momentarily full); false when a write fails.
  @discardableResult
  package static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let count = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
        guard count > 0 else { return false }
        offset += count
      }
      return true
    }
  }

  /// Creates `path` (which must not exist), writes `bytes`, and fsyncs it.
  private static func writeNewFile(_ path: String, bytes: [UInt8]) throws(LatentError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure(path, "cannot create") }
    var closed = false
    defer { if !closed { close(descriptor) } }
    guard writeAll(bytes, to: descriptor) else { throw failure(path, "cannot write") }
    guard fsync(descriptor) == 0 else { throw failure(path, "cannot flush to disk (fsync)") }
    closed = true
    guard close(descriptor) == 0 else { throw failure(path, "cannot close") }
  }

  /// Fsyncs the folder at `path`, so that a rename inside it survives a crash.
  private static func syncFolder(_ path: String) throws(LatentError) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(path, "cannot open the folder to sync it") }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw failure(path, "cannot sync the folder (fsync)") }
  }

  /// Splits a path into its folder (`.` when there is none) and its last component.
  private static func split(_ path: String) -> (folder: String, fileName: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    let fileName = String(path[path.index(after: slash)...])
    return (folder.isEmpty ? "/" : folder, fileName)
  }

  /// The C library's `rename`, under a name that does not clash with Swift's.
  private static func renameFile(_ source: String, _ destination: String) -> Int32 {
    #if canImport(Glibc)
      Glibc.rename(source, destination)
    #elseif canImport(Musl)
      Musl.rename(source, destination)
    #else
      Darwin.rename(source, destination)
    #endif
  }

  /// An error for `path`: `action`, then the current `errno` in words.
  package static func failure(_ path: String, _ action: String) -> LatentError {
    LatentError(.inputOutput, path: path, action + ": " + String(cString: strerror(errno)))
  }
}
