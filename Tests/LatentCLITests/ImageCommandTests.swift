import Foundation
import TestSupport
import Testing

/// Sizes of a contact sheet (ImageGrid): cells of `cell` pixels, 1-pixel borders.
func sheetSide(cells: Int, cell: Int) -> Int { cells * cell + cells + 1 }

@Suite("sample, interpolate and traverse, run as a user would")
struct ImageCommandTests {
  @Test func sampleWritesAGridOrNumberedFiles() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let grid = folder.file("grid.png")
    let result = try LatentProcess.run([
      "sample", "--model", model, "-n", "6", "--columns", "3", "--scale", "1", "--out", grid,
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(
      try ImageMagick.identify(grid) == [
        [1, sheetSide(cells: 3, cell: 16), sheetSide(cells: 2, cell: 16)]
      ])
    let dir = folder.file("faces")
    let files = try LatentProcess.run([
      "sample", "--model", model, "-n", "3", "--scale", "2", "--seed", "5", "--out", dir,
    ])
    #expect(files.status == 0, "\(files.error)")
    #expect(try fileNames(in: dir) == ["sample_001.png", "sample_002.png", "sample_003.png"])
    #expect(try ImageMagick.identify(dir + "/sample_002.png") == [[1, 32, 32]])
    // Same seed, same faces; another seed, other faces.
    let again = folder.file("again")
    let other = folder.file("other")
    _ = try LatentProcess.run([
      "sample", "--model", model, "-n", "3", "--scale", "2", "--seed", "5", "--out", again,
    ])
    _ = try LatentProcess.run([
      "sample", "--model", model, "-n", "3", "--scale", "2", "--seed", "6", "--out", other,
    ])
    let first = try Data(contentsOf: URL(fileURLWithPath: dir + "/sample_001.png"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: again + "/sample_001.png")) == first)
    #expect(try Data(contentsOf: URL(fileURLWithPath: other + "/sample_001.png")) != first)
  }

  @Test func interpolateWritesFramesASheetAndAGIF() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let result = try LatentProcess.run([
      "interpolate", "--model", model, "--from", "seed:5", "--to", "#3", "--frames", "5", "--slerp",
      "--scale", "1", "--out", folder.file("frames"), "--gif", folder.file("walk.gif"), "--sheet",
      folder.file("sheet.png"),
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(try fileNames(in: folder.file("frames")) == (1...5).map { "frame_00\($0).png" })
    #expect(try ImageMagick.identify(folder.file("frames/frame_003.png")) == [[1, 16, 16]])
    #expect(try ImageMagick.identify(folder.file("walk.gif")) == ImageMagick.frames(5, 16, 16))
    let sheet = try ImageMagick.identify(folder.file("sheet.png"))
    #expect(sheet.first?.prefix(2) == [1, sheetSide(cells: 5, cell: 16)])
    // The first frame is the prior sample of seed 5: the face `sample --seed 5 -n 1` draws.
    _ = try LatentProcess.run([
      "sample", "--model", model, "-n", "1", "--seed", "5", "--scale", "1", "--out",
      folder.file("s"),
    ])
    let sampled = try Data(contentsOf: URL(fileURLWithPath: folder.file("s/sample_001.png")))
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: folder.file("frames/frame_001.png"))) == sampled)
    // An image file as an end point is encoded on the spot.
    let fromFile = try LatentProcess.run([
      "interpolate", "--model", model, "--from", folder.file("s/sample_001.png"), "--to", "zero",
      "--frames", "3", "--out", folder.file("file-frames"),
    ])
    #expect(fromFile.status == 0, "\(fromFile.error)")
    #expect(try fileNames(in: folder.file("file-frames")).count == 3)
    // There and back: 6 frames out, 4 back without repeating the ends.
    let bounce = try LatentProcess.run([
      "interpolate", "--model", model, "--from", "#1", "--to", "#2", "--frames", "6", "--scale",
      "2",
      "--out", folder.file("b"), "--gif", folder.file("b.gif"), "--bounce",
    ])
    #expect(bounce.status == 0, "\(bounce.error)")
    #expect(try ImageMagick.identify(folder.file("b.gif")) == ImageMagick.frames(10, 32, 32))
  }

  @Test func traverseWritesAGridAndOneGIFPerDimension() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let result = try LatentProcess.run([
      "traverse", "--model", model, "--dims", "top3", "--steps", "5", "--range", "2", "--around",
      "#0", "--scale", "1", "--out", folder.file("grid.png"), "--gif", folder.file("gifs"),
    ])
    #expect(result.status == 0, "\(result.error)")
    let gifs = try fileNames(in: folder.file("gifs"))
    #expect(gifs.count == 3 && gifs.allSatisfy { $0.hasPrefix("z") && $0.hasSuffix(".gif") })
    for gif in gifs {
      // −2 … +2 in 5 steps, then back without repeating the ends: 5 + 3 frames.
      #expect(try ImageMagick.identify(folder.file("gifs/" + gif)) == ImageMagick.frames(8, 16, 16))
    }
    // Rows are dimensions and columns steps: one more of each adds a cell and a border
    // (captions such as +5 fit over a 16-pixel cell in both grids).
    let grid = try #require(try ImageMagick.identify(folder.file("grid.png")).first)
    let bigger = try LatentProcess.run([
      "traverse", "--model", model, "--dims", "0,1,2,3", "--steps", "6", "--range", "5", "--scale",
      "1", "--out",
      folder.file("bigger.png"),
    ])
    #expect(bigger.status == 0, "\(bigger.error)")
    let big = try #require(try ImageMagick.identify(folder.file("bigger.png")).first)
    #expect(big[1] - grid[1] == 17)
    #expect(big[2] - grid[2] == 17)
    // top9 on a 4-dimensional model takes all four.
    _ = try LatentProcess.run([
      "traverse", "--model", model, "--dims", "top9", "--steps", "6", "--range", "5", "--scale",
      "1", "--out",
      folder.file("all.png"),
    ])
    #expect(try ImageMagick.identify(folder.file("all.png")).first == big)
  }
}
