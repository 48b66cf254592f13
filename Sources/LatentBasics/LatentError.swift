/// Why an operation failed: a named kind that callers can test, the file or folder the
/// problem is about, and the problem in words.
///
/// One type for the whole program, as swift-system's `Errno` is one type with named values:
/// a model file, an image, a face folder or a command line all fail with a `LatentError`, and
/// its description is the one line a command prints, `<path>: <problem>`.
///
/// ```swift
/// do { try POSIXFile.readAll(path) } catch where error.kind == .cannotOpen { … }
/// ```
package struct LatentError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of failure this is; the kinds are named values, as ``LatentError/Kind/cannotOpen``.
  package struct Kind: Hashable, Sendable, CustomStringConvertible {
    /// The kind's name, as in its description.
    package let name: String
    private init(_ name: String) { self.name = name }
    package var description: String { name }

    // The file system.
    /// A file or folder that cannot be opened (missing, no access, …).
    package static let cannotOpen = Kind("cannot open")
    /// A path that names a folder where a file was expected.
    package static let isFolder = Kind("is a folder")
    /// A path that names neither a regular file nor a folder (a FIFO, a device, …).
    package static let notRegularFile = Kind("not a regular file")
    /// A file, image or model larger than the limit for it.
    package static let tooLarge = Kind("too large")
    /// A read, write, rename or sync that failed part-way.
    package static let inputOutput = Kind("input/output")

    // What a file holds.
    /// An image file that cannot be decoded or encoded.
    package static let image = Kind("image")
    /// A safetensors container that breaks the format.
    package static let container = Kind("container")
    /// A model file whose content does not describe a usable model.
    package static let model = Kind("model")
    /// A model configuration that cannot describe a working VAE.
    package static let configuration = Kind("configuration")
    /// A face folder or metadata file that cannot be used.
    package static let data = Kind("data")

    // What the user asked for.
    /// A command line that asks for something impossible (exit status 2).
    package static let usage = Kind("usage")
    /// A request that is valid but cannot be carried out on this input or machine.
    package static let unsupported = Kind("unsupported")
  }

  /// What kind of failure this is.
  package var kind: Kind
  /// The file or folder the problem is about, as the caller named it; `nil` when none is.
  package var path: String?
  /// What is wrong, in a few words, without the path (`truncated PNG data`).
  package var problem: String

  /// A failure of `kind` about `path`, described by `problem`.
  package init(_ kind: Kind, path: String? = nil, _ problem: String) {
    self.kind = kind
    self.path = path
    self.problem = problem
  }

  /// One line, `<path>: <problem>` (or the problem alone); line breaks become spaces.
  package var description: String {
    let oneLine = problem.split(whereSeparator: \.isNewline).joined(separator: " ")
    guard let path else { return oneLine }
    return "\(path): \(oneLine)"
  }

  /// The same failure, said about `path` when it names no file yet.
  package func about(_ path: String) -> LatentError {
    self.path == nil ? LatentError(kind, path: path, problem) : self
  }
}
