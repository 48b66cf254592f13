/// A file of a face folder that was not used, and why (for example a decode error).
package struct SkippedImage: Hashable, Sendable, CustomStringConvertible {
  /// The file.
  package let path: String
  /// Why it was skipped.
  package let reason: String

  /// `<path>: <reason>`.
  package var description: String { "\(path): \(reason)" }
}
