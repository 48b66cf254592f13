import BackgroundWork
import FaceVAE
import ImageIO
import LatentUI
import TestSupport
import Testing

@Suite("The code written beside an exported face")
struct ExportCodeTests {
  /// The serial of the face request among `effects`.
  func faceSerial(_ effects: [AppEffect]) -> Int? {
    effects.lazy.compactMap { effect -> Int? in
      guard case .decode(let request) = effect, request.slot == .face else { return nil }
      return request.serial
    }.first
  }

  @Test func exploreExportsTheCodeOfTheFaceShownNotOfTheSlidersAhead() {
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.start()
    let first = faceSerial(state.press(.right))
    _ = state.press(.right)
    #expect(state.z == [0, 0.2, 0, 0])
    // The face of the first move arrives while the second is still decoding.
    _ = state.update(
      .decoded(
        DecodeResult(slot: .face, serial: first ?? 0, images: [grayFace(5)], milliseconds: 1)))
    let code = LatentCodeFile(model: "toy", code: [0, 0.1, 0, 0])
    #expect(state.press(.character("e")) == [.export(.face(grayFace(5), scale: 4, code: code))])
  }

  @Test func theExporterWritesTheCodeBesideThePNGAndNeverOverwrites() throws {
    let temporary = try TemporaryFolder()
    let exporter = Exporter(folder: temporary.path)
    let code = LatentCodeFile(model: "toy", code: [0.25, -1.5, 3, 0])
    let written = try exporter.write(.face(grayFace(10), scale: 2, code: code)).get()
    #expect(written == temporary.file("face_001.png") + ", face_001.json")
    #expect(try LatentCodeFile(path: temporary.file("face_001.json")) == code)
    #expect(try Image.readPNG(path: temporary.file("face_001.png")).width == 16)
    // A code file left without its PNG keeps its number too.
    try temporary.write(Array("{}".utf8), to: "face_002.json")
    let next = try exporter.write(.face(grayFace(20), scale: 1, code: code)).get()
    #expect(next.hasPrefix(temporary.file("face_003.png")))
    #expect(try fileNames(in: temporary.path).count == 5)
  }
}
