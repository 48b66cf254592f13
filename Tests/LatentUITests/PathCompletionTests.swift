import FaceVAE
import Foundation
import LatentUI
import TestSupport
import Testing

@Suite("Tab completion of file paths")
struct PathCompletionTests {
  /// A folder with `faces/`, `face_001.png`, `face_002.png`, `frey.jpg` and `.hidden.png`.
  func folder() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: folder.file("faces"), withIntermediateDirectories: false)
    for name in ["face_001.png", "face_002.png", "frey.jpg", ".hidden.png", "faces/me.jpg"] {
      _ = try folder.write([0], to: name)
    }
    return folder
  }

  @Test func completesAsFarAsTheNamesAgreeAndMarksFolders() throws {
    let folder = try folder()
    let shared = PathCompletion(completing: folder.file("fa"), home: nil)
    #expect(shared.text == folder.file("face"))
    #expect(shared.candidates == ["face_001.png", "face_002.png", "faces/"])
    #expect(!shared.addsNothing)
    let again = PathCompletion(completing: shared.text, home: nil)
    #expect(again.addsNothing && again.candidates.count == 3)
    #expect(
      PathCompletion(completing: folder.file("faces"), home: nil).text == folder.file("faces/"))
    #expect(
      PathCompletion(completing: folder.file("fr"), home: nil).text == folder.file("frey.jpg"))
    #expect(
      PathCompletion(completing: folder.file("faces/"), home: nil).text
        == folder.file("faces/me.jpg"))
  }

  @Test func hiddenNamesOnlyWhenADotIsTyped() throws {
    let folder = try folder()
    #expect(
      !PathCompletion(completing: folder.path + "/", home: nil).candidates.contains(".hidden.png"))
    #expect(
      PathCompletion(completing: folder.file("."), home: nil).text == folder.file(".hidden.png"))
  }

  @Test func tildeIsTheHomeFolder() throws {
    let folder = try folder()
    #expect(PathCompletion(completing: "~/fr", home: folder.path).text == folder.file("frey.jpg"))
    #expect(PathCompletion(completing: "~", home: folder.path + "/").candidates.count == 4)
    #expect(PathCompletion.expandingHome("~/x.png", home: "/home/me") == "/home/me/x.png")
    #expect(PathCompletion.expandingHome("~x/y", home: "/home/me") == "~x/y")
    #expect(PathCompletion.expandingHome("~/x.png", home: nil) == "~/x.png")
  }

  @Test func nothingFitsInAMissingFolder() throws {
    let folder = try folder()
    let none = PathCompletion(completing: folder.file("nowhere/a"), home: nil)
    #expect(none.candidates.isEmpty && none.text == folder.file("nowhere/a"))
    #expect(PathCompletion(completing: folder.file("zz"), home: nil).candidates.isEmpty)
  }

  @Test func exploresFilePromptCompletesListsAndSetsTheSlidersToTheImagesCode() throws {
    let folder = try folder()
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    state.homeFolder = folder.path
    _ = state.press(.character("f"))
    #expect(state.render().lines.contains { $0.contains("image file to set the sliders to: ") })
    for c in "~/fa" { _ = state.press(.character(c)) }
    _ = state.press(.tab)
    #expect(state.prompt?.text == folder.file("face"))
    _ = state.press(.tab)
    #expect(state.prompt?.note == "face_001.png  face_002.png  faces/")
    let hintsRow = state.render().lines[Layout(state).hintsRow]
    #expect(hintsRow.contains("face_001.png  face_002.png  faces/"))
    for c in "_002" { _ = state.press(.character(c)) }
    _ = state.press(.tab)
    #expect(state.prompt?.text == folder.file("face_002.png") && state.prompt?.note == nil)
    let effects = state.press(.enter)
    guard case .decode(let request) = effects.first, case .encodeFile(let path) = request.work
    else {
      Issue.record("Enter did not encode the file: \(effects)")
      return
    }
    #expect(path == folder.file("face_002.png"))
    let answer = state.update(
      .decoded(
        DecodeResult(
          slot: .encode, serial: request.serial, images: [grayFace(9)],
          codes: LatentCodes(row: [0.5, -1, 2, 0]), milliseconds: 1)))
    #expect(state.z == [0.5, -1, 2, 0] && state.mode == .explore)
    #expect(faceCodes(answer) == [[0.5, -1, 2, 0]])
    #expect(state.message == "sliders set to face_002.png")
    // Nothing fits: the status line says so; the text stays.
    _ = state.press(.character("f"), .character("/"), .character("q"), .tab)
    #expect(state.prompt?.text == "/q" && state.prompt?.note == "no name in / begins with 'q'")
  }

  @Test func theInterpolatePromptsCompleteTooAndTheValuePromptIgnoresTab() throws {
    let folder = try folder()
    var state = AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.press(.character("="), .character("1"), .tab)
    #expect(state.prompt?.text == "1")
    _ = state.press(.escape, .character("I"), .character("g"))
    for c in folder.file("fr") { _ = state.press(.character(c)) }
    _ = state.press(.tab)
    #expect(state.prompt?.text == folder.file("frey.jpg"))
    _ = state.press(.enter)
    #expect(state.fileForSliders == nil && !state.fileEndIsStart)
  }
}
