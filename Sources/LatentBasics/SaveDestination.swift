import Synchronization

/// A file a command saves, possibly several times (checkpoints, the explorer's `w`), that it
/// will not overwrite behind another writer's back.
///
/// It remembers what the file was when the command first looked at it (``FileIdentity``),
/// and after each save what this process wrote. A save whose file has changed meanwhile
/// (another process saved it, or created it) leaves that file alone and goes to the first
/// free `NAME.1.EXT`, `NAME.2.EXT`, … beside it instead, as do the saves after it. The check
/// and the rename hold an exclusive `flock` on the folder, so two latent processes cannot both
/// see the old file (``POSIXFile/writeAtomically(_:to:expecting:)``).
package final class SaveDestination: Sendable {
  /// The path the command was given.
  package let requested: String
  private let state: Mutex<(path: String, expected: FileIdentity)>

  /// A destination at `path`, remembering what is there now; call it before reading the
  /// file (`train --resume F --out F`) or checking it.
  package init(_ path: String) {
    requested = path
    state = Mutex((path, FileIdentity.of(path)))
  }

  /// Where the next save goes: ``requested``, or the file beside it that an earlier save
  /// moved to.
  package var path: String { state.withLock { $0.path } }

  /// Whether saves have moved off ``requested`` because another writer changed it.
  package var moved: Bool { path != requested }

  /// Saves `bytes` atomically over ``path`` if it is still what this process last saw there,
  /// else beside it; returns the path written. Saves through one destination take turns.
  @discardableResult
  package func save(_ bytes: [UInt8]) throws(LatentError) -> String {
    try state.withLock { state throws(LatentError) -> String in
      let written = try POSIXFile.writeAtomically(bytes, to: state.path, expecting: state.expected)
      state = (written.path, written.identity)
      return written.path
    }
  }
}
