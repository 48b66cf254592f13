#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension SafeTensorsFile {
  /// Saves the content to `path` so that a crash never leaves a broken file there.
  ///
  /// Writes `serialized()` to a temporary file `.NAME.tmp-PID-RANDOM` in the
  /// same directory, fsyncs it, renames it over `path` (atomic on POSIX) and
  /// fsyncs the directory. On any error the temporary file is removed; an
  /// error before the rename leaves an existing file at `path` as it was.
  /// Throws `SafeTensorsError` naming `path`.
  package func write(to path: String) throws(SafeTensorsError) {
    let bytes: [UInt8]
    do {
      bytes = try serialized()
    } catch {
      throw SafeTensorsError(file: path, problem: error.problem)
    }
    let (directory, fileName) = Self.split(path)
    guard !fileName.isEmpty else {
      throw SafeTensorsError(file: path, problem: "is not a file name (it ends with '/')")
    }
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    let temporaryPath = directory + "/." + fileName + ".tmp-\(getpid())-" + suffix
    do {
      try POSIXFile.writeNewFile(temporaryPath, bytes: bytes)
      try POSIXFile.rename(temporaryPath, over: path)
      try POSIXFile.syncDirectory(directory)
    } catch {
      POSIXFile.removeIfPresent(temporaryPath)
      throw error
    }
  }

  /// Splits a path into its directory (`.` when there is none) and its last component.
  private static func split(_ path: String) -> (directory: String, fileName: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    let fileName = String(path[path.index(after: slash)...])
    return (directory.isEmpty ? "/" : directory, fileName)
  }
}
