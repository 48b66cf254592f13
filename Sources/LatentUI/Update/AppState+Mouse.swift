/// Mouse: tabs, slider tracks (click, drag, wheel), ±2σ previews, grid cells (click, wheel).
extension AppState {
  mutating func handle(_ mouse: MouseEvent) -> [AppEffect] {
    let layout = Layout(self)
    guard layout.fits, !showHelp, prompt == nil else { return [] }
    if mouse.action == .release {
      dragging = nil
      history.endRun()
      return []
    }
    if mouse.action == .press, mouse.row == layout.tabsRow,
      let tab = RenderText.tabSpans().first(where: { $0.range.contains(mouse.column) })
    {
      return switchMode(to: tab.mode)
    }
    switch mode {
    case .explore: return exploreMouse(mouse, layout)
    case .map: return mapMouse(mouse, layout)
    case .traverse:
      if let action = Self.wheelCursorAction(mouse) { return handleTraverse(action) }
      guard mouse.action == .press else { return [] }
      let shown = layout.traverseGrid(dimensions: model.latentDimensions).rows
      let rows = traverse.firstRow..<min(traverse.dimensions.count, traverse.firstRow + shown)
      for r in rows {
        for c in TraverseState.offsets.indices
        where layout.traverseRect(
          row: r - traverse.firstRow, column: c, dimensions: model.latentDimensions
        ).contains(column: mouse.column, row: mouse.row) {
          traverse.row = r
          traverse.column = c
        }
      }
      return []
    case .browse:
      if let action = Self.wheelCursorAction(mouse) { return handleBrowse(action) }
      guard mouse.action == .press else { return [] }
      let pairs = datasetCount > 0
      let grid = layout.browseGrid(pairs: pairs)
      for slot in 0..<(grid.across * grid.down) where browse.first + slot < browseCount {
        var rect = layout.browseRect(slot: slot, pairs: pairs)
        rect.columns = pairs ? 2 * rect.columns + 1 : rect.columns
        if rect.contains(column: mouse.column, row: mouse.row) {
          browse.selected = browse.first + slot
        }
      }
      return []
    case .interpolate:
      guard mouse.action == .press else { return [] }
      let count = interpolation.steps
      for k in 0..<count
      where layout.stripRect(index: k, count: count).contains(column: mouse.column, row: mouse.row)
      {
        interpolation.position = k
      }
      return []
    }
  }

  private mutating func exploreMouse(_ mouse: MouseEvent, _ layout: Layout) -> [AppEffect] {
    let panel = layout.sliderPanel
    let track = layout.track
    let index = scroll + mouse.row - panel.row
    let onRow =
      mouse.row >= panel.row && mouse.row < panel.row + panel.rows
      && sliders.indices.contains(index)
    switch mouse.action {
    case .press:
      if let k = layout.previewRects.firstIndex(where: {
        $0.contains(column: mouse.column, row: mouse.row)
      }) {
        history.endRun()
        return set(selected, to: SliderPreview.offsets[k])
      }
      guard onRow, mouse.column >= panel.column else { return [] }
      selected = index
      let onTrack = mouse.column >= track.column - 1 && mouse.column <= track.column + track.width
      guard onTrack else { return [] }
      dragging = index
      // The click and the drag after it are one undo step.
      history.endRun()
      return set(index, to: layout.value(atTrackColumn: mouse.column), inRun: true)
    case .drag:
      guard let dragging, sliders.indices.contains(dragging) else { return [] }
      return set(dragging, to: layout.value(atTrackColumn: mouse.column), inRun: true)
    case .wheelUp, .wheelDown:
      guard onRow else { return [] }
      selected = index
      return nudge(index, by: mouse.action == .wheelUp ? Self.fineStep : -Self.fineStep)
    case .release: return []
    }
  }

  /// The wheel in Traverse and Browse moves the cursor a row up or down, as ↑ and ↓ do.
  private static func wheelCursorAction(_ mouse: MouseEvent) -> KeyAction? {
    switch mouse.action {
    case .wheelUp: .cursorUp
    case .wheelDown: .cursorDown
    default: nil
    }
  }
}
