import FaceVAE
import Foundation
import ImageIO
import BackgroundWork
import LatentUI
import TestSupport
import Testing

@Suite("Screen, modes, export and training")
struct ScreenTests {
  func state(hasData: Bool = false) -> AppState {
    AppState(
      model: fourDimensionModel(), graphicsName: "truecolor", columns: 100, rows: 30,
      hasData: hasData)
  }

  @Test func tooSmallTerminalShowsAMessageAndRecovers() {
    var state = state()
    _ = state.update(.resize(columns: 40, rows: 10))
    let small = state.render()
    #expect(small.lines[0].hasPrefix("Terminal too small: 40×10"))
    #expect(small.images.isEmpty)
    _ = state.update(.resize(columns: 120, rows: 40))
    let lines = state.render().lines
    #expect(lines.count == 40 && lines[0].count == 120)
    #expect(lines.contains { $0.contains("▸ z1") })
  }

  @Test func modeKeysSwitchScreensAndAskForTheirFaces() {
    var state = state()
    let traverse = state.press(.character("T"))
    #expect(state.mode == .traverse)
    guard case .decode(let grid) = traverse.last, case .codes(let codes) = grid.work else {
      Issue.record("no grid request")
      return
    }
    // Every dimension has a row; the faces asked for are those of the three rows that fit.
    #expect(state.traverse.dimensions == [1, 3, 2, 0])
    #expect(grid.slot == .grid && codes.count == 3 * 7)
    #expect(state.traverse.dimensions.first == 1)
    #expect(codes.first?[1] == -3 && codes[6][1] == 3)
    #expect(state.render().lines[1].contains("[T]raverse"))

    let interpolate = state.press(.character("I"))
    guard case .decode(let strip) = interpolate.last, case .codes(let frames) = strip.work else {
      Issue.record("no strip request")
      return
    }
    #expect(strip.slot == .strip && frames.count == 10)
    #expect(frames.first == [0, 0, 0, 0])
    _ = state.press(.character("+"))
    #expect(state.interpolation.steps == 11)

    _ = state.press(.character("B"))
    #expect(state.mode == .browse)
    _ = state.press(.escape)
    #expect(state.mode == .explore)
  }

  @Test func traverseEnterSetsTheSlidersToTheCell() {
    var state = state()
    _ = state.press(.character("T"), .right, .right)
    let effects = state.press(.enter)
    #expect(state.mode == .explore)
    #expect(faceCodes(effects) == [[0, 2, 0, 0]])
  }

  @Test func browseEnterAndEndsUseTheStoredCodes() {
    var state = state()
    _ = state.press(.character("B"), .right)
    #expect(state.browse.selected == 1)
    _ = state.press(.character("a"))
    #expect(state.interpolation.start == [0, 0, 0, 0])
    _ = state.press(.left)
    let effects = state.press(.enter)
    #expect(faceCodes(effects) == [[0.5, -0.5, 1, 0]])
  }

  @Test func slerpKeepsTheEndsAndLerpIsHalfwayInTheMiddle() {
    let a: [Float] = [1, 0]
    let b: [Float] = [0, 2]
    #expect(LatentPath.slerp(a, b, t: 0).map { ($0 * 1000).rounded() } == [1000, 0])
    #expect(LatentPath.slerp(a, b, t: 1).map { ($0 * 1000).rounded() } == [0, 2000])
    #expect(LatentPath.lerp(a, b, t: 0.5) == [0.5, 1])
    let middle = LatentPath.slerp(a, b, t: 0.5)
    #expect(abs(middle[0] - middle[1] / 2) < 1e-5)  // on the arc, not the chord
    #expect(LatentPath.norm(middle) > LatentPath.norm(LatentPath.lerp(a, b, t: 0.5)))
  }

  @Test func exportAsksForThePNGOfTheModeShown() {
    var state = state()
    #expect(state.press(.character("e")).isEmpty)
    #expect(state.message?.contains("no face") == true)
    _ = state.update(
      .decoded(DecodeResult(slot: .face, serial: 0 + 1, images: [grayFace(90)], milliseconds: 1)))
    state.requestedSerials[.face] = 1
    _ = state.press(.character("x"))
    #expect(state.press(.character("e")) == [.export(.face(grayFace(90), scale: 8))])
    _ = state.update(.exported(.success("out/face_001.png")))
    #expect(state.render().lines.contains { $0.contains("wrote out/face_001.png") })
  }

  @Test func trainingNeedsDataAndShowsProgress() {
    var without = state()
    #expect(without.press(.character("t")).isEmpty)
    #expect(without.render().lines.contains { $0.contains("--data") })

    var state = state(hasData: true)
    #expect(state.press(.character("t")) == [.startTraining])
    var status = TrainingStatus()
    status.phase = .running
    status.progress = TrainingProgress.report(
      epoch: 2, epochs: 5, step: 3, stepsPerEpoch: 10, elbo: -412.3, imagesPerSecond: 950,
      elapsed: 13)
    status.elboHistory = [-600, -500, -450, -412.3]
    _ = state.update(.trainingStatus(status))
    let line = state.render().lines[Layout(state).trainingRow]
    #expect(line.contains("epoch 2/5") && line.contains("step 3/10") && line.contains("950 img/s"))
    #expect(line.contains("26%") && line.contains("elbo -412.3"))
    #expect(line.contains("▁") && line.contains("█"))
    #expect(state.press(.character("c")) == [.cancelTraining])
    let published = state.update(.weightsPublished(generation: 1, epoch: 8))
    #expect(faceCodes(published).count == 1)
    #expect(state.render().lines[0].contains("epoch 8 · weights gen 1"))
  }

  @Test func helpOverlayListsKeysAndHidesFaces() {
    var state = state()
    _ = state.update(
      .decoded(DecodeResult(slot: .face, serial: 1, images: [grayFace(90)], milliseconds: 1)))
    _ = state.press(.character("?"))
    let canvas = state.render()
    #expect(canvas.text.contains("Keys") && canvas.text.contains("random face"))
    #expect(canvas.images.isEmpty)
    _ = state.press(.character("j"))
    #expect(!state.showHelp && state.selected == 0)
    #expect(state.press(.character("q")) == [.quit])
  }

  @Test func browseExportsTheHighlightedFaceNotTheSliderFace() {
    var state = state()
    _ = state.update(
      .decoded(DecodeResult(slot: .face, serial: 1, images: [grayFace(90)], milliseconds: 1)))
    #expect(state.face == grayFace(90))
    let effects = state.press(.character("B"))
    guard case .decode(let page) = effects.last else {
      Issue.record("no browse request")
      return
    }
    #expect(state.press(.character("e")).isEmpty)  // the page is not decoded yet
    _ = state.update(
      .decoded(
        DecodeResult(
          slot: .browse, serial: page.serial, images: [grayFace(11), grayFace(22)],
          milliseconds: 1)))
    _ = state.press(.right)
    // With the face's code (stored face 1) for the JSON file beside the PNG.
    let code = LatentCodeFile(model: "toy", code: [0, 0, 0, 0])
    #expect(state.press(.character("e")) == [.export(.face(grayFace(22), scale: 4, code: code))])
  }

  @Test func exporterNeverOverwrites() throws {
    let temporary = try TemporaryFolder()
    // A folder that does not exist yet: the exporter makes it.
    let exporter = Exporter(folder: temporary.file("export"))
    let first = exporter.write(.face(grayFace(10), scale: 3))
    let second = exporter.write(.face(grayFace(20), scale: 1))
    #expect(try first.get().hasSuffix("face_001.png") && second.get().hasSuffix("face_002.png"))
    #expect(try Image.readPNG(path: first.get()).width == 24)
    let frames = try exporter.write(.frames([grayFace(1), grayFace(2), grayFace(3)], scale: 4))
      .get()
    let names = try fileNames(in: frames)
    #expect(names == ["contact_sheet.png", "frame_001.png", "frame_002.png", "frame_003.png"])
    // Frames are upscaled like a single face: 8 × 4 pixels wide.
    let frame = try Image.readPNG(path: frames + "/frame_002.png")
    #expect(frame.width == 32 && frame.height == 32 && frame[31, 31, 0] == 2)
  }
}

@Suite("Text pieces")
struct RenderTextTests {
  @Test func sigmaValuesHaveASignOnlyWhenTheyRoundAwayFromZero() {
    #expect(RenderText.sigma(1.2) == "+1.20σ")
    #expect(RenderText.sigma(-1.754) == "-1.75σ")
    #expect(RenderText.sigma(-0.0045) == " 0.00σ")
    #expect(RenderText.sigma(0.006) == "+0.01σ")
  }

  @Test func barsFillInEighths() {
    #expect(RenderText.bar(0.5, width: 4) == "██  ")
    #expect(RenderText.bar(1.0 / 16, width: 2) == "▏ ")
    #expect(RenderText.bar(2, width: 3) == "███")
  }
}
