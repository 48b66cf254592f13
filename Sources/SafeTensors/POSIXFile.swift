#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few POSIX file operations the container needs, with errors that name the file.
///
/// Plain system calls rather than Foundation, so that the atomic write can
/// fsync the file and its directory and report `errno` in words.
enum POSIXFile {
  /// The whole content of the regular file at `path`.
  static func readAll(_ path: String) throws(SafeTensorsError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(path, "cannot open for reading") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw failure(path, "cannot read file status") }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw SafeTensorsError(file: path, problem: "is not a regular file")
    }
    let size = Int(status.st_size)
    var bytes = [UInt8](repeating: 0, count: size)
    var filled = 0
    while filled < size {
      let count = bytes.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress.map { $0 + filled }, size - filled)
      }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { throw failure(path, "cannot read") }
      if count == 0 { break }  // the file shrank while we read it
      filled += count
    }
    if filled < size { bytes.removeLast(size - filled) }
    return bytes
  }

  /// Creates `path` (which must not exist), writes `bytes`, and fsyncs it.
  static func writeNewFile(_ path: String, bytes: [UInt8]) throws(SafeTensorsError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure(path, "cannot create") }
    var closed = false
    defer { if !closed { close(descriptor) } }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { throw failure(path, "cannot write") }
      written += count
    }
    guard fsync(descriptor) == 0 else { throw failure(path, "cannot flush to disk (fsync)") }
    closed = true
    guard close(descriptor) == 0 else { throw failure(path, "cannot close") }
  }

  /// Renames `source` over `destination`, atomically replacing any file there.
  static func rename(_ source: String, over destination: String) throws(SafeTensorsError) {
    guard renameFile(source, destination) == 0 else {
      throw failure(destination, "cannot move the written file into place")
    }
  }

  /// Fsyncs the directory at `path`, so that a rename inside it survives a crash.
  static func syncDirectory(_ path: String) throws(SafeTensorsError) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(path, "cannot open directory to sync it") }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw failure(path, "cannot sync directory (fsync)") }
  }

  /// Removes `path` if it exists, ignoring errors (used for clean-up only).
  static func removeIfPresent(_ path: String) {
    unlink(path)
  }

  /// Whether something exists at `path` (file, directory or other).
  static func exists(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0
  }

  /// The C library's `rename`, under a name that does not clash with `rename(_:over:)`.
  private static func renameFile(_ source: String, _ destination: String) -> Int32 {
    #if canImport(Glibc)
      Glibc.rename(source, destination)
    #elseif canImport(Musl)
      Musl.rename(source, destination)
    #else
      Darwin.rename(source, destination)
    #endif
  }

  /// An error for `path` whose problem ends with the current `errno` in words.
  private static func failure(_ path: String, _ action: String) -> SafeTensorsError {
    let reason = String(cString: strerror(errno))
    return SafeTensorsError(file: path, problem: "\(action): \(reason)")
  }
}
