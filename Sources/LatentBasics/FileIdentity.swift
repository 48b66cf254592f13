#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a file was at one moment: whether it existed and, if so, its device, inode, size and
/// modification time. Two identities differ when another process replaced or rewrote the file
/// in between (as SQLite compares them to see another writer).
package struct FileIdentity: Hashable, Sendable {
  /// Whether anything was at the path.
  package var exists: Bool
  package var device: UInt64 = 0
  package var inode: UInt64 = 0
  /// Size in bytes.
  package var size: Int64 = 0
  /// Modification time, nanoseconds since 1970.
  package var modifiedNanoseconds: Int64 = 0

  /// The identity of what is at `path` now (following symbolic links); a missing file (or
  /// one that cannot be looked at) has `exists == false`.
  package static func of(_ path: String) -> FileIdentity {
    var status = stat()
    guard stat(path, &status) == 0 else { return FileIdentity(exists: false) }
    return FileIdentity(
      exists: true, device: UInt64(status.st_dev), inode: UInt64(status.st_ino),
      size: Int64(status.st_size),
      modifiedNanoseconds: Int64(status.st_mtim.tv_sec) * 1_000_000_000
        + Int64(status.st_mtim.tv_nsec))
  }
}
