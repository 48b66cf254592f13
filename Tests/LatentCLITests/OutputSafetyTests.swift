import Foundation
import TestSupport
import Testing

/// Saving when something else gets in the way: a full disk part-way through a folder of
/// frames, and another process saving the same model file.
@Suite("output safety: full disks and second writers")
struct OutputSafetyTests {
  static let bundledModel = LatentBinary.packageRoot.appendingPathComponent(
    "Models/faces64.safetensors"
  ).path

  /// Runs `latent arguments` with files limited to `kilobytes` (`ulimit -f`; SIGXFSZ ignored,
  /// so a write past it fails with EFBIG as on a full disk).
  static func runLimited(
    kilobytes: Int, _ arguments: [String]
  ) throws -> (status: Int32, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments =
      [
        "-c", "trap '' XFSZ; ulimit -f \(kilobytes); exec \"$0\" \"$@\"",
        try LatentBinary.located(),
      ]
      + arguments
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: error, as: UTF8.self))
  }

  /// The sizes of the files in `folder`, by name.
  static func sizes(_ folder: String) throws -> [String: Int] {
    var sizes: [String: Int] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      sizes[name] =
        try FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size]
        as? Int
    }
    return sizes
  }

  /// `interpolate --out DIR` on a disk that fills after a frame or two: exit 1, one line
  /// naming the frame that could not be written, and no folder left behind; a folder that
  /// was there already stays (empty, as it was).
  @Test func aFullDiskLeavesNoFramesFolder() throws {
    let folder = try TemporaryFolder()
    let arguments = [
      "interpolate", "--model", Self.bundledModel, "--from", "zero", "--to", "seed:1",
      "--frames", "6", "--scale", "2",
    ]
    let free = try LatentProcess.run(arguments + ["--out", folder.file("free")])
    #expect(free.status == 0, "\(free.error)")
    // A limit that the smallest frame fits under and the largest does not.
    let sizes = try Self.sizes(folder.file("free"))
    let smallest = try #require(sizes.values.min())
    let largest = try #require(sizes.values.max())
    let kilobytes = (smallest + 1023) / 1024
    try #require(largest > kilobytes * 1024, "frames of \(sizes) are all alike")

    for out in [folder.file("new/frames"), folder.file("existing")] {
      if out.hasSuffix("existing") {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
      }
      let full = try Self.runLimited(kilobytes: kilobytes, arguments + ["--out", out])
      #expect(full.status == 1, "\(full.status) \(full.error)")
      let lines = full.error.split(separator: "\n")
      #expect(lines.count == 1, "\(full.error)")
      #expect(full.error.contains(out + "/frame_0") && full.error.contains("File too large"))
      if out.hasSuffix("existing") {
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [])
      } else {
        #expect(!FileManager.default.fileExists(atPath: folder.file("new")))
      }
    }
  }

  /// Two `train --out F` at once: both saw no F; the second to save finds the first's file
  /// there, leaves it and saves beside it, saying so. Neither model is lost.
  @Test func twoTrainingRunsToOneFileKeepBothModels() throws {
    let folder = try TemporaryFolder()
    let out = folder.file("shared.safetensors")
    let arguments = [
      "train", "--data", "synthetic:96", "--size", "16", "--latent", "4", "--epochs", "2",
      "--batch", "32", "--threads", "1", "--out", out,
    ]
    // Both start before either saves (their stderr is a few lines: the pipes never fill).
    let runs = try (1...2).map { seed -> (Process, Pipe) in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: try LatentBinary.located())
      process.arguments = arguments + ["--seed", "\(seed)"]
      let err = Pipe()
      process.standardError = err
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      return (process, err)
    }
    let finished = runs.map { process, err in
      process.waitUntilExit()
      let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      return (status: process.terminationStatus, error: text)
    }
    #expect(finished.map(\.status) == [0, 0], "\(finished.map(\.error))")
    let beside = folder.file("shared.1.safetensors")
    #expect(finished.filter { $0.error.contains("changed since this run") }.count == 1)
    #expect(finished.contains { $0.error.contains("saved \(beside)") })
    for path in [out, beside] {
      #expect(try LatentProcess.run(["info", path]).status == 0, "\(path)")
    }
  }

  /// `train --resume F --out F` while another process replaces F: F keeps the other
  /// process's model, and the run's model goes to F.1.safetensors.
  @Test func resumingOverAFileReplacedMeanwhileSavesBesideIt() throws {
    let folder = try TemporaryFolder()
    let model = folder.file("m.safetensors")
    let other = folder.file("other.safetensors")
    for (path, seed) in [(model, "1"), (other, "2")] {
      let made = try LatentProcess.run([
        "train", "--data", "synthetic:96", "--size", "16", "--latent", "4", "--epochs", "1",
        "--batch", "32", "--threads", "1", "--seed", seed, "--out", path,
      ])
      try #require(made.status == 0, "\(made.error)")
    }
    let theirs = try Data(contentsOf: URL(fileURLWithPath: other))

    let process = Process()
    process.executableURL = URL(fileURLWithPath: try LatentBinary.located())
    process.arguments = [
      "train", "--resume", model, "--out", model, "--data", "synthetic:96", "--epochs", "10",
      "--batch", "32", "--threads", "1",
    ]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    // Once the run has read the file (it says what it trains), another writer replaces it.
    var said = Data()
    while !String(decoding: said, as: UTF8.self).contains("training ") {
      let chunk = err.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      said += chunk
    }
    try FileManager.default.removeItem(atPath: model)
    try FileManager.default.copyItem(atPath: other, toPath: model)
    said += err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let stderr = String(decoding: said, as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == theirs)
    let beside = folder.file("m.1.safetensors")
    #expect(
      stderr.contains("\(model) changed since this run") && stderr.contains("saved \(beside)"))
    let info = try LatentProcess.run(["info", beside])
    #expect(info.status == 0, "\(info.error)")
  }
}
