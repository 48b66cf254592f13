#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A regular file open for reading, read in parts at chosen offsets, so that a reader can
/// check a file's size and header before it reads (and allocates for) the rest.
///
/// Anything but a regular file is refused before a byte is read: the file is opened
/// non-blocking, so that a FIFO without a writer cannot hang the open, and its type is
/// checked on the open descriptor (no gap for the path to change in between).
package final class RegularFile {
  /// The path the file was opened by.
  package let path: String
  /// Its size in bytes when it was opened.
  package let size: Int
  private let descriptor: Int32

  /// Opens the regular file at `path`.
  package init(opening path: String) throws(LatentError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else {
      throw LatentError(.cannotOpen, path: path, "cannot open: " + String(cString: strerror(errno)))
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let error = POSIXFile.failure(path, "cannot read file status")
      close(descriptor)
      throw error
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR:
      close(descriptor)
      throw LatentError(.isFolder, path: path, "is a folder, not a file")
    default:
      close(descriptor)
      throw LatentError(.notRegularFile, path: path, "is not a regular file")
    }
    self.path = path
    self.descriptor = descriptor
    size = Int(status.st_size)
  }

  deinit { close(descriptor) }

  /// `count` bytes from byte `offset` on, fewer only when the file ends (or shrank) before.
  package func read(offset: Int, count: Int) throws(LatentError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let got = bytes.withUnsafeMutableBytes { buffer in
        pread(
          descriptor, buffer.baseAddress.map { $0 + filled }, count - filled, off_t(offset + filled)
        )
      }
      if got < 0 && errno == EINTR { continue }
      guard got >= 0 else { throw POSIXFile.failure(path, "cannot read") }
      if got == 0 { break }
      filled += got
    }
    if filled < count { bytes.removeLast(count - filled) }
    return bytes
  }
}
