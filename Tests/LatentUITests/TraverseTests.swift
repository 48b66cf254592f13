import FaceVAE
import Foundation
import ImageIO
import LatentUI
import Testing

/// Traverse as data: every dimension has a row, the rows scroll with the cursor, each label
/// sits beside its own dimension's faces, and the cursor cell is marked.
@Suite("Traverse grid")
struct TraverseTests {
  /// 16 dimensions on a 100×30 screen: three rows fit.
  func state() -> AppState {
    AppState(model: wideModel(dimensions: 16), graphicsName: "sixel", columns: 100, rows: 30)
  }

  /// What a decoder that paints each face with its code's traversed dimension returns for
  /// the grid request among `effects`: a flat face of level d for a code moved along z_d, 255
  /// for the centre (the σ = 0 column).
  func decodeGrid(_ effects: [AppEffect]) -> AppEvent? {
    for effect in effects {
      guard case .decode(let request) = effect, request.slot == .grid,
        case .codes(let codes) = request.work
      else { continue }
      let faces = (0..<codes.count).map { index -> Image in
        let dimension = codes[index].firstIndex { $0 != 0 }
        return grayFace(dimension.map { UInt8($0) } ?? 255)
      }
      return .decoded(
        DecodeResult(slot: .grid, serial: request.serial, images: faces, milliseconds: 1))
    }
    return nil
  }

  /// Each grid row on the screen: its label and the levels of the faces beside it, left to
  /// right.
  func gridRows(_ canvas: Canvas) -> [(label: String, levels: [UInt8])] {
    let lines = canvas.lines
    var rows: [(String, [UInt8])] = []
    for (row, line) in lines.enumerated() {
      let label = line.dropFirst().prefix(6).trimmingCharacters(in: .whitespaces)
      guard label.hasPrefix("z") else { continue }
      let faces = canvas.images.filter { $0.rect.row == row }.sorted {
        $0.rect.column < $1.rect.column
      }
      rows.append((label, faces.map { $0.image[0, 0, 0] }))
    }
    return rows
  }

  /// The levels a row of label zD must show: D in every column but the centre.
  func expectedLevels(_ label: String) -> [UInt8] {
    let d = UInt8(label.dropFirst())!
    return TraverseState.offsets.map { $0 == 0 ? 255 : d }
  }

  @Test func walkingDownScrollsThroughEveryDimensionWithLabelsBesideTheirFaces() throws {
    var state = state()
    var effects = state.press(.character("T"))
    #expect(state.traverse.dimensions.count == 16)
    var pending = decodeGrid(effects)
    for step in 1...15 {
      // The faces of the last request arrive, then ↓.
      if let pending { _ = state.update(pending) }
      effects = state.press(.down)
      let canvas = state.render()
      let rows = gridRows(canvas)
      #expect(rows.count == 3, "step \(step): \(rows.map(\.label))")
      // Before the new faces arrive, every face shown still sits beside its own label.
      for row in rows where !row.levels.isEmpty {
        #expect(row.levels == expectedLevels(row.label), "step \(step), \(row.label)")
      }
      let cursorLabel = "z\(state.traverse.dimensions[step])"
      #expect(state.traverse.row == step)
      #expect(rows.contains { $0.label == cursorLabel }, "step \(step): cursor row not shown")
      pending = decodeGrid(effects) ?? pending
      if let pending { _ = state.update(pending) }
      let decoded = gridRows(state.render())
      #expect(decoded.map(\.levels) == decoded.map { expectedLevels($0.label) }, "step \(step)")
      pending = nil
    }
    // The last dimension is the last row on the screen; no blank row follows it.
    #expect(gridRows(state.render()).map(\.label) == ["z13", "z14", "z15"])
    #expect(state.press(.down).isEmpty && state.traverse.row == 15)
  }

  @Test func walkingBackUpShowsFullRowsToTheTop() throws {
    var state = state()
    var effects = state.press(.character("T"))
    for _ in 0..<8 {
      if let result = decodeGrid(effects) { _ = state.update(result) }
      effects = state.press(.down)
    }
    for _ in 0..<8 {
      if let result = decodeGrid(effects) { _ = state.update(result) }
      effects = state.press(.up)
    }
    if let result = decodeGrid(effects) { _ = state.update(result) }
    let rows = gridRows(state.render())
    #expect(rows.map(\.label) == ["z0", "z1", "z2"])
    #expect(rows.map(\.levels) == rows.map { expectedLevels($0.label) })
  }

  @Test func theCursorCellItselfIsBracketed() throws {
    var state = state()
    let effects = state.press(.character("T"), .down, .right)
    if let result = decodeGrid(effects) { _ = state.update(result) }
    let canvas = state.render()
    let layout = Layout(state)
    let cell = layout.traverseRect(row: 1, column: 4, dimensions: 16)
    for row in cell.row..<(cell.row + cell.rows) {
      #expect(canvas[column: cell.column - 1, row: row].glyph == "▕")
      #expect(canvas[column: cell.column + cell.columns, row: row].glyph == "▏")
      #expect(canvas[column: cell.column - 1, row: row].style == .selected)
    }
    // No other cell is marked.
    let marks = canvas.lines.joined().unicodeScalars.filter { $0 == "▕" || $0 == "▶" }.count
    #expect(marks == cell.rows)
    #expect(canvas.lines[cell.row].contains("z1"))
  }

  @Test func exportCaptionsTheRowsOfTheFacesItWrites() throws {
    var state = state()
    var effects = state.press(.character("T"))
    for _ in 0..<5 {
      if let result = decodeGrid(effects) { _ = state.update(result) }
      effects = state.press(.down)
    }
    if let result = decodeGrid(effects) { _ = state.update(result) }
    guard case .export(.grid(let images, _, let captions, _)) = state.press(.character("e")).first
    else {
      Issue.record("no grid export")
      return
    }
    #expect(captions == ["z3", "z4", "z5"])
    #expect(images.count == 21 && images[0][0, 0, 0] == 3 && images[20][0, 0, 0] == 5)
  }
}
