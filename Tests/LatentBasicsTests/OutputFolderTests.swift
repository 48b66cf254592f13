import Foundation
import LatentBasics
import Testing

/// A command that fails part-way leaves no files it wrote and no folder it created; a folder
/// that was there keeps what it held.
@Suite("Output folders")
struct OutputFolderTests {
  struct DiskFull: Error {}

  /// A fresh empty folder, removed by the caller.
  static func scratch() throws -> String {
    let path = NSTemporaryDirectory() + "latent-output-folder-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    return path
  }

  static func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  @Test func aFailureRemovesTheFilesWrittenAndTheFoldersCreated() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(throws: DiskFull.self) {
      try OutputFolder.filling(root + "/new/frames") { folder in
        try Self.write("one", to: folder.file("frame_001.png"))
        try Self.write("two", to: folder.file("frame_002.png"))
        _ = folder.file("frame_003.png")  // handed out, never written
        throw DiskFull()
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root) == [])
  }

  @Test func aFolderThatWasThereKeepsWhatItHeld() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try Self.write("mine", to: root + "/notes.txt")
    #expect(throws: DiskFull.self) {
      try OutputFolder.filling(root) { folder in
        try Self.write("one", to: folder.file("frame_001.png"))
        throw DiskFull()
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["notes.txt"])
  }

  @Test func successKeepsEverything() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = try OutputFolder.filling(root + "/out") { folder in
      let file = folder.file("a.png")
      try Self.write("a", to: file)
      return file
    }
    #expect(path == root + "/out/a.png")
    #expect(FileManager.default.fileExists(atPath: path))
  }
}
