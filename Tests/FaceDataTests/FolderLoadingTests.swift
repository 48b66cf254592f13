import FaceData
import ImageIO
import LatentBasics
import TestSupport
import Testing

@Suite("Loading face folders")
struct FolderLoadingTests {
  /// A 4 × 4 gray image whose 2 × 2 blocks are `a`, `b` (top) and `c`, `d` (bottom).
  static func blocks(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Image {
    var pixels = [UInt8]()
    for row in 0..<4 {
      for column in 0..<4 { pixels.append(row < 2 ? (column < 2 ? a : b) : (column < 2 ? c : d)) }
    }
    return Image(width: 4, height: 4, channels: 1, pixels: pixels)
  }

  @Test("labels and indices come from <label>_<index> names; broken files are skipped and listed")
  func numberedFiles() throws {
    let folder = try TemporaryFolder()
    try folder.writePNG(Self.blocks(0, 51, 102, 255), to: "3_01.png")
    try folder.writePNG(Self.blocks(10, 10, 10, 10), to: "3_02.png")
    try folder.write(try Self.blocks(200, 200, 200, 200).encodeJPEG(quality: 100), to: "5_0.jpg")
    try folder.writePNG(Self.blocks(1, 2, 3, 4).converted(toChannels: 3), to: "deeper/7_4.PNG")
    let broken = try folder.write([1, 2, 3], to: "8_0.png")
    try folder.write(Array("not an image".utf8), to: "notes.txt")
    try folder.writePNG(Self.blocks(0, 0, 0, 0), to: ".hidden/9_9.png")
    let load = try FaceDataset.load(folder: folder.path, size: 2, channels: 1)
    let faces = load.dataset
    #expect(faces.count == 4)
    #expect(faces.labels == [3, 3, 5, 7])
    #expect(faces.indices == [1, 2, 0, 4])
    #expect(
      faces.paths.map { $0.split(separator: "/").suffix(2).joined(separator: "/") }.last
        == "deeper/7_4.PNG")
    #expect(load.skipped.count == 1)
    #expect(load.skipped.first?.path == broken)
    #expect(load.skipped.first?.description.hasPrefix(broken + ": ") == true)
    // 4 × 4 → 2 × 2 averages each block exactly.
    #expect(faces.sample(0) == [0, 51, 102, 255].map { Float($0) / 255 })
    // JPEG of a flat 200 stays near 200.
    #expect(faces.sample(2).allSatisfy { abs($0 - 200 / 255) < 2 / 255 })
    #expect(load.summary.contains("skipped 1"))
  }

  @Test("sub-folders name the classes when files are not numbered")
  func classFolders() throws {
    let folder = try TemporaryFolder()
    try folder.writePNG(Self.blocks(1, 1, 1, 1), to: "dogs/rex.png")
    try folder.writePNG(Self.blocks(2, 2, 2, 2), to: "cats/tom.png")
    try folder.writePNG(Self.blocks(3, 3, 3, 3), to: "dogs/fido_2.png")
    try folder.writePNG(Self.blocks(4, 4, 4, 4), to: "cats/old/felix.png")
    let faces = try FaceDataset.load(folder: folder.path, size: 4, channels: 3).dataset
    #expect(faces.labelNames == ["cats", "dogs"])
    // Sorted paths: cats/old/felix, cats/tom, dogs/fido_2, dogs/rex.
    #expect(faces.labels == [0, 0, 1, 1])
    // An index is read only with a numeric label (`<label>_<index>`), so `fido_2` has none.
    #expect(faces.indices == [nil, nil, nil, nil])
    #expect(faces.channels == 3 && faces.sample(0).count == 48)
  }

  @Test("a flat folder of unnumbered files has no labels")
  func unlabelled() throws {
    let folder = try TemporaryFolder()
    try folder.writePNG(Self.blocks(1, 1, 1, 1), to: "a.png")
    try folder.writePNG(Self.blocks(2, 2, 2, 2), to: "b.png")
    let faces = try FaceDataset.load(folder: folder.path, size: 2, channels: 1).dataset
    #expect(faces.labels == [nil, nil])
    #expect(!faces.isLabelled)
  }

  @Test("an empty, unreadable or missing folder is an error naming it")
  func unusableFolders() throws {
    let empty = try TemporaryFolder()
    #expect(throws: LatentError(.data, path: empty.path, "no PNG or JPEG files in the folder")) {
      try FaceDataset.load(folder: empty.path, size: 8, channels: 1)
    }
    let broken = try TemporaryFolder()
    try broken.write([0, 0, 0], to: "1_1.png")
    try broken.write([], to: "1_2.jpg")
    do {
      _ = try FaceDataset.load(folder: broken.path, size: 8, channels: 1)
      Issue.record("a folder of broken files loaded")
    } catch {
      #expect(error.path == broken.path)
      #expect(error.problem.contains("none of the 2 image files"))
    }
    let missing = empty.path + "/absent"
    #expect(throws: LatentError(.cannotOpen, path: missing, "no such folder")) {
      try FaceDataset.load(folder: missing, size: 8, channels: 1)
    }
  }

  @Test(
    "file names give label and index",
    arguments: [
      ("12_03.png", 12, 3), ("0_1964.png", 0, 1964), ("a/b/7_x.jpg", 7, nil),
      ("IMG_1234.jpg", nil, nil), ("000001.jpg", nil, nil), ("4_5_6.png", 4, 5),
    ] as [(String, Int?, Int?)])
  func fileNames(name: String, label: Int?, index: Int?) {
    let parsed = FaceFileName(path: name)
    #expect(parsed.label == label)
    #expect(parsed.index == index)
  }
}
