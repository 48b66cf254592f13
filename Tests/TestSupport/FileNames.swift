import Foundation

/// The names of the files and folders directly in `folder`, sorted (the order the file system
/// lists them in is not fixed).
public func fileNames(in folder: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
}
