#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension POSIXFile {
  /// The names in `folder` (not `.` and `..`), unsorted; a folder's name (a symbolic link to
  /// one too) ends in `/`. Nil when `folder` cannot be read.
  package static func folderEntries(_ folder: String) -> [String]? {
    guard let stream = opendir(folder) else { return nil }
    defer { closedir(stream) }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      names.append(isFolder(prefix + name) ? name + "/" : name)
    }
    return names
  }
}
