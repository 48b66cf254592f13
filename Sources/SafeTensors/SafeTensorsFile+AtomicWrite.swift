import LatentBasics

extension SafeTensorsFile {
  /// Saves the content to `path` so that a crash never leaves a broken file there.
  ///
  /// Writes `serialized()` to a temporary file in the same folder, fsyncs it, renames it
  /// over `path` and fsyncs the folder (``POSIXFile/writeAtomically(_:to:)``). On any error
  /// the temporary file is removed; an error before the rename leaves an existing file at
  /// `path` as it was. Throws a `LatentError` naming `path`.
  package func write(to path: String) throws(LatentError) {
    let bytes: [UInt8]
    do {
      bytes = try serialized()
    } catch {
      throw LatentError(error.kind, path: path, error.problem)
    }
    do {
      try POSIXFile.writeAtomically(bytes, to: path)
    } catch {
      throw error.about(path)
    }
  }
}
