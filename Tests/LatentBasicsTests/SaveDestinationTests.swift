import Dispatch
import Foundation
import LatentBasics
import Testing

/// Two writers to one file: a save never overwrites a file another writer changed since this
/// one last saw it; it goes to the first free `NAME.N.EXT` beside it, and stays there.
@Suite("Save destinations")
struct SaveDestinationTests {
  static func scratch() throws -> String {
    let path = NSTemporaryDirectory() + "latent-save-destination-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    return path
  }

  static func text(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  @Test func ownSavesOverwriteAndAnotherWritersChangeSendsTheSaveBeside() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/model.safetensors"
    try Data("opened".utf8).write(to: URL(fileURLWithPath: path))
    let destination = SaveDestination(path)
    #expect(try destination.save(Array("first".utf8)) == path)
    #expect(try destination.save(Array("second".utf8)) == path)
    #expect(Self.text(path) == "second")

    // Another process saves (a new file renamed over it, or the same inode rewritten).
    try Data("theirs".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    let beside = root + "/model.1.safetensors"
    #expect(try destination.save(Array("third".utf8)) == beside)
    #expect(Self.text(path) == "theirs")
    #expect(Self.text(beside) == "third")
    #expect(destination.moved && destination.path == beside)
    // Later saves (checkpoints) follow it there, not to model.2.
    #expect(try destination.save(Array("fourth".utf8)) == beside)
    #expect(Self.text(beside) == "fourth")
    #expect(!FileManager.default.fileExists(atPath: root + "/model.2.safetensors"))
  }

  @Test func aFileCreatedMeanwhileIsNotOverwritten() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/out.safetensors"
    let destination = SaveDestination(path)
    try Data("theirs".utf8).write(to: URL(fileURLWithPath: path))
    #expect(try destination.save(Array("mine".utf8)) == root + "/out.1.safetensors")
    #expect(Self.text(path) == "theirs")
  }

  /// Two writers that both saw the old file race to replace it: the folder lock makes the
  /// check and the rename one step, so exactly one replaces it and the other goes beside.
  @Test func ofTwoRacingWritersExactlyOneReplacesTheFile() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: root) }
    for round in 0..<50 {
      let path = root + "/race\(round).safetensors"
      try Data("old".utf8).write(to: URL(fileURLWithPath: path))
      let writers = [SaveDestination(path), SaveDestination(path)]
      let written = UnsafeMutableBufferPointer<String?>.allocate(capacity: 2)
      written.initialize(repeating: nil)
      defer { written.deallocate() }
      nonisolated(unsafe) let results = written
      DispatchQueue.concurrentPerform(iterations: 2) { index in
        results[index] = try? writers[index].save(Array("writer \(index)".utf8))
      }
      let paths = Set(written.compactMap { $0 })
      #expect(paths == [path, root + "/race\(round).1.safetensors"], "round \(round)")
    }
  }

  @Test func freeNamesNumberBeforeTheExtension() {
    #expect(
      POSIXFile.freePathBeside("/nowhere/x/faces.safetensors") == "/nowhere/x/faces.1.safetensors")
    #expect(POSIXFile.freePathBeside("faces.safetensors") == "faces.1.safetensors")
    #expect(POSIXFile.freePathBeside("/nowhere/.hidden") == "/nowhere/.hidden.1")
  }
}
