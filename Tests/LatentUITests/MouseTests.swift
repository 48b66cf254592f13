import FaceVAE
import LatentUI
import Testing

@Suite("Mouse in Traverse and Browse")
struct MouseTests {
  @Test func aClickOnATraverseCellSelectsItAndTheWheelMovesTheRows() {
    var state = AppState(
      model: wideModel(dimensions: 16), graphicsName: "sixel", columns: 100, rows: 30)
    _ = state.press(.character("T"))
    let layout = Layout(state)
    let cell = layout.traverseRect(row: 1, column: 5, dimensions: 16)
    _ = state.update(.mouse(MouseEvent(.press, column: cell.column + 1, row: cell.row + 1)))
    #expect(state.traverse.row == 1 && state.traverse.column == 5)
    // Enter uses the clicked cell: z1 (the second row) at +2σ.
    #expect(faceCodes(state.press(.enter)).first?[1] == 2)

    state = AppState(
      model: wideModel(dimensions: 16), graphicsName: "sixel", columns: 100, rows: 30)
    _ = state.press(.character("T"))
    let shown = layout.traverseGrid(dimensions: 16).rows
    var effects: [AppEffect] = []
    for _ in 0..<shown {
      effects += state.update(.mouse(MouseEvent(.wheelDown, column: 20, row: 10)))
    }
    #expect(state.traverse.row == shown && state.traverse.firstRow == 1)
    // Scrolling past the rows shown asks for the faces of the rows now shown.
    #expect(effects.contains { if case .decode(let r) = $0 { r.slot == .grid } else { false } })
    _ = state.update(.mouse(MouseEvent(.wheelUp, column: 20, row: 10)))
    #expect(state.traverse.row == shown - 1)
  }

  @Test func theWheelScrollsBrowseByARowAndPages() {
    var state = AppState(
      model: ModelSummary(
        name: "many", latentDimensions: 2, imageWidth: 8, imageHeight: 8, channels: 3,
        storedCodes: LatentCodes(dimensions: 2, values: [Float](repeating: 0.5, count: 2 * 500))),
      graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.press(.character("B"))
    let grid = Layout(state).browseGrid(pairs: false)
    _ = state.update(.mouse(MouseEvent(.wheelDown, column: 10, row: 10)))
    #expect(state.browse.selected == grid.across && state.browse.first == 0)
    var effects: [AppEffect] = []
    for _ in 1..<grid.down {
      effects += state.update(.mouse(MouseEvent(.wheelDown, column: 10, row: 10)))
    }
    // Past the last row of the page: the next page, and its faces asked for.
    #expect(state.browse.first == grid.across * grid.down)
    #expect(effects.contains { if case .decode(let r) = $0 { r.slot == .browse } else { false } })
    _ = state.update(.mouse(MouseEvent(.wheelUp, column: 10, row: 10)))
    #expect(state.browse.selected == grid.across * (grid.down - 1) && state.browse.first == 0)
  }
}
