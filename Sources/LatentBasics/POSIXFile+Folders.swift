#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension POSIXFile {
  /// Whether something exists at `path` (a file, a folder or anything else).
  package static func exists(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0
  }

  /// Whether `path` names a folder (following symbolic links).
  package static func isFolder(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
  }

  /// Creates the folder `path` and any missing parents (`mkdir -p`); a folder already
  /// there is fine, anything else there is an error. Returns the folders it created,
  /// outermost first (none when `path` was there); on an error it created none.
  @discardableResult
  package static func createFolder(_ path: String) throws(LatentError) -> [String] {
    if isFolder(path) { return [] }
    if exists(path) {
      throw LatentError(.inputOutput, path: path, "cannot create the folder: a file is in the way")
    }
    var created: [String] = []
    if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
      created = try createFolder(String(path[..<slash]))
    }
    if mkdir(path, 0o755) == 0 { return created + [path] }
    // Another process may have made it meanwhile (EEXIST), which is fine.
    if errno == EEXIST && isFolder(path) { return created }
    let error = failure(path, "cannot create the folder")
    for folder in created.reversed() { rmdir(folder) }
    throw error
  }

  /// Creates the folder `path`, whose parent must exist; fails if anything is already there.
  package static func createNewFolder(_ path: String) throws(LatentError) {
    guard mkdir(path, 0o755) == 0 else {
      throw failure(path, "cannot create the folder")
    }
  }
}
