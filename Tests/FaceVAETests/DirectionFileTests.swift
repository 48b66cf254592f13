import FaceVAE
import Foundation
import LatentBasics
import SafeTensors
import TestSupport
import Testing

/// Direction banks, attribute boundaries and bookmarks in and beside the model file.
@Suite("directions, boundaries and bookmarks on disk")
struct DirectionFileTests {
  func model() throws -> FaceModel {
    let face = try TinyModel.untrained(
      try VAEConfig.mlp(width: 4, height: 4, hidden: 8, latent: 3), seed: 2)
    face.codes = try #require(
      LatentCodes(dimensions: 3, values: [1, 0, 2, -1, 3, 0.5, 0, 1, -2, 2, 2, 2]))
    face.codeLabels = [-1, -1, -1, -1]
    return face
  }

  @Test func banksAndBoundariesSurviveASaveAndKeepEachOther() throws {
    let folder = try TemporaryFolder()
    let face = try model()
    face.directions["pca"] = try face.computeDirections(.pca, count: 2)
    face.attributes["smile"] = [0, 0.6, 0.8]
    face.attributeBoundaries["smile"] = AttributeBoundary(
      normal: [0, 0.6, 0.8], offset: 0.25, accuracy: 0.75, heldOutFaces: 4, spread: 1.25)
    let path = folder.file("m.safetensors")
    try face.save(to: path)
    let loaded = try FaceModel.load(from: path)
    #expect(loaded.directions == face.directions)
    #expect(loaded.attributeBoundaries == face.attributeBoundaries)
    // A second bank keeps the first.
    loaded.directions["sefa"] = try loaded.computeDirections(.sefa, count: 3)
    try loaded.save(to: path)
    let again = try FaceModel.load(from: path)
    #expect(Set(again.directions.keys) == ["pca", "sefa"])
    #expect(again.directions["pca"] == face.directions["pca"])
    // A boundary whose attribute was replaced by another direction is dropped, not kept stale.
    again.attributes["smile"] = [1, 0, 0]
    try again.save(to: path)
    #expect(try FaceModel.load(from: path).attributeBoundaries.isEmpty)
  }

  @Test func aBankWithoutUnitRowsIsRefusedNamingIt() throws {
    let folder = try TemporaryFolder()
    let face = try model()
    let path = folder.file("m.safetensors")
    try face.save(to: path)
    var file = try SafeTensorsFile.read(contentsOf: path)
    file.tensors["directions.mine"] = StoredTensor(shape: [2, 3], values: [1, 0, 0, 0, 2, 0])
    try file.write(to: path)
    #expect(
      throws: LatentError(
        .model, path: path, "row 1 of tensor 'directions.mine' has length 2.0, not 1")
    ) {
      try FaceModel.load(from: path)
    }
    file.tensors["directions.mine"] = StoredTensor(shape: [2, 3], values: [1, 0, 0, 0, 1, 0])
    file.tensors["directions.mine.scale"] = StoredTensor(shape: [3], values: [1, 1, 1])
    try file.write(to: path)
    #expect(
      throws: LatentError(
        .model, path: path, "tensor 'directions.mine.scale' has shape [3], expected [2]")
    ) {
      try FaceModel.load(from: path)
    }
    file.tensors["directions.mine.scale"] = nil
    try file.write(to: path)
    let loaded = try FaceModel.load(from: path)
    #expect(loaded.directions["mine"]?.scales == [1, 1])  // a user's own bank without scales
  }

  @Test func bookmarksSurviveAReloadBesideTheModel() throws {
    let folder = try TemporaryFolder()
    let modelPath = folder.file("faces.safetensors")
    #expect(Bookmarks.path(besideModel: modelPath) == folder.file("faces.bookmarks.json"))
    var bookmarks = try Bookmarks.load(besideModel: modelPath, dimensions: 3)
    #expect(bookmarks.entries.isEmpty)
    try bookmarks.add("mine", code: [0.1, -2.5, 1e-7])
    try bookmarks.add("other", code: [1, 2, 3])
    #expect(throws: LatentError(.usage, "there is already a bookmark 'mine'")) {
      try bookmarks.add("mine", code: [0, 0, 0])
    }
    #expect(throws: LatentError.self) { try bookmarks.add("bad name", code: [0, 0, 0]) }
    try bookmarks.write(to: Bookmarks.path(besideModel: modelPath))
    let reloaded = try Bookmarks.load(besideModel: modelPath, dimensions: 3)
    #expect(reloaded.entries == bookmarks.entries)
    #expect(reloaded.code(named: "mine") == [0.1, -2.5, 1e-7])
    #expect(throws: LatentError.self) { try Bookmarks.load(besideModel: modelPath, dimensions: 4) }
  }

  @Test func pointsParseEveryForm() throws {
    #expect(try LatentPoint(parsing: "#12") == .storedFace(12))
    #expect(try LatentPoint(parsing: "seed:7") == .seed(7))
    #expect(try LatentPoint(parsing: "@mine") == .bookmark("mine"))
    #expect(try LatentPoint(parsing: "sefa:3") == .direction(bank: "sefa", index: 3))
    #expect(try LatentPoint(parsing: "zero") == .zero)
    #expect(try LatentPoint(parsing: "face_001.json") == .codeFile("face_001.json"))
    #expect(try LatentPoint(parsing: "dir/me.jpg") == .image("dir/me.jpg"))
    for bad in ["#x", "seed:x", "@", "@a b", "sefa:x", "pca:-1", ""] {
      #expect(throws: LatentError.self, "\(bad)") { try LatentPoint(parsing: bad) }
    }
  }

  @Test func directionAndBookmarkPointsResolve() throws {
    let folder = try TemporaryFolder()
    let face = try model()
    let modelPath = folder.file("m.safetensors")
    face.directions["pca"] = try face.computeDirections(.pca, count: 2)
    let bank = try #require(face.directions["pca"])
    let step = try LatentPoint.direction(bank: "pca", index: 1).code(in: face, modelPath: modelPath)
    #expect(step == bank.directions[1].map { $0 * bank.scales[1] })
    #expect(throws: LatentError.self) {
      try LatentPoint.direction(bank: "pca", index: 2).code(in: face, modelPath: modelPath)
    }
    var bookmarks = Bookmarks(model: "m", dimensions: 3)
    try bookmarks.add("here", code: [4, 5, 6])
    try bookmarks.write(to: Bookmarks.path(besideModel: modelPath))
    #expect(try LatentPoint.bookmark("here").code(in: face, modelPath: modelPath) == [4, 5, 6])
  }
}
