import Foundation
import LatentBasics
import SafeTensors
import TestSupport
import Testing

/// `write(to:)` replaces a file whole or not at all, and leaves no temporary files behind.
@Suite("Crash-safe writing")
struct AtomicWriteTests {
  static let small = SafeTensorsFile(
    tensors: ["w": StoredTensor(shape: [2], values: [1, 2])], metadata: ["v": "small"])
  static let large = SafeTensorsFile(
    tensors: ["w": StoredTensor(shape: [1000], values: (0..<1000).map { Float($0) })],
    metadata: ["v": "large"])

  @Test func writesAFileThatReadsBack() throws {
    let scratch = try TemporaryFolder()
    let directory = scratch.path
    let path = directory + "/model.safetensors"
    try Self.small.write(to: path)
    let back = try SafeTensorsFile.read(contentsOf: path)
    #expect(back.tensors == Self.small.tensors && back.metadata == Self.small.metadata)
    #expect(back.source == path)
    #expect(try fileNames(in: directory) == ["model.safetensors"])
  }

  @Test func overwritingReplacesTheWholeFileAndLeavesNoTemporaryFiles() throws {
    let scratch = try TemporaryFolder()
    let directory = scratch.path
    let path = directory + "/model.safetensors"
    try Self.large.write(to: path)
    try Self.small.write(to: path)
    let onDisk = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(onDisk == (try Self.small.serialized()))
    #expect(try fileNames(in: directory) == ["model.safetensors"])
  }

  @Test func aMissingDirectoryIsAnErrorThatLeavesNothingBehind() throws {
    let scratch = try TemporaryFolder()
    let directory = scratch.path
    let path = directory + "/no-such-dir/model.safetensors"
    #expect {
      try Self.small.write(to: path)
    } throws: { error in
      let message = (error as? LatentError)?.description ?? ""
      return message.contains("no-such-dir") && message.contains("No such file or directory")
    }
    #expect(try fileNames(in: directory).isEmpty)
  }

  @Test func aFailedWriteLeavesTheExistingFileUntouched() throws {
    let scratch = try TemporaryFolder()
    let directory = scratch.path
    let path = directory + "/model.safetensors"
    try Self.large.write(to: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))

    let unwritable = SafeTensorsFile(tensors: [
      "labels": StoredTensor(shape: [1], values: [0.5], dtype: .int64)
    ])
    #expect {
      try unwritable.write(to: path)
    } throws: { error in
      (error as? LatentError)?.description.hasPrefix(path + ": tensor 'labels'") == true
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try fileNames(in: directory) == ["model.safetensors"])
  }

  @Test func aDirectoryInTheWayIsAnErrorAndTheTemporaryFileIsRemoved() throws {
    let scratch = try TemporaryFolder()
    let directory = scratch.path
    let path = directory + "/model.safetensors"
    try FileManager.default.createDirectory(
      atPath: path + "/inside", withIntermediateDirectories: true)
    #expect(throws: LatentError.self) { try Self.small.write(to: path) }
    #expect(try fileNames(in: directory) == ["model.safetensors"])
    #expect(try fileNames(in: path) == ["inside"])
  }

  @Test func aPathEndingInASlashIsRefused() throws {
    let scratch = try TemporaryFolder()
    let directory = scratch.path
    #expect(throws: LatentError.self) { try Self.small.write(to: directory + "/") }
    #expect(try fileNames(in: directory).isEmpty)
  }
}
