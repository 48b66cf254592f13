/// Where everything goes on a screen of a given size; shared by rendering and mouse hits.
package struct Layout: Hashable, Sendable {
  /// The smallest screen the layout works in.
  package static let minimumColumns = 60
  package static let minimumRows = 16

  package let columns: Int
  package let rows: Int
  /// Height over width of a cell in pixels.
  package let cellAspect: Double
  /// Height over width of the model's images.
  package let imageAspect: Double

  package init(columns: Int, rows: Int, cellAspect: Double, imageWidth: Int, imageHeight: Int) {
    self.columns = columns
    self.rows = rows
    self.cellAspect = max(0.5, cellAspect)
    self.imageAspect = imageWidth > 0 ? Double(imageHeight) / Double(imageWidth) : 1
  }

  /// The layout for `state`'s terminal and model.
  package init(_ state: AppState) {
    self.init(
      columns: state.columns, rows: state.rows, cellAspect: state.cellAspect,
      imageWidth: state.model.imageWidth, imageHeight: state.model.imageHeight)
  }

  /// Whether the screen is big enough.
  package var fits: Bool { columns >= Self.minimumColumns && rows >= Self.minimumRows }

  package var titleRow: Int { 0 }
  package var tabsRow: Int { 1 }
  package var trainingRow: Int { rows - 3 }
  package var statusRow: Int { rows - 2 }
  package var hintsRow: Int { rows - 1 }
  /// The rows between the mode bar and the rule above the training line.
  package var content: CellRect { CellRect(column: 0, row: 2, columns: columns, rows: rows - 6) }

  /// Cells a face of `columns` cells wide takes down the screen.
  package func faceRows(forColumns faceColumns: Int) -> Int {
    max(1, Int((Double(faceColumns) * imageAspect / cellAspect).rounded(.up)))
  }

  /// Cells across for a face at most `maxColumns × maxRows`, at the image's aspect.
  package func faceColumns(maxColumns: Int, maxRows: Int) -> Int {
    max(1, min(maxColumns, Int(Double(maxRows) * cellAspect / imageAspect)))
  }

  /// The largest face viewport in `area` (top-left aligned).
  package func viewport(in area: CellRect) -> CellRect {
    let across = faceColumns(maxColumns: area.columns, maxRows: area.rows)
    return CellRect(
      column: area.column, row: area.row, columns: across,
      rows: min(area.rows, faceRows(forColumns: across)))
  }

  // MARK: Explore

  /// The face in Explore mode: up to 45% of the width, as tall as the content.
  package var exploreViewport: CellRect {
    viewport(
      in: CellRect(
        column: 1, row: content.row, columns: max(1, columns * 45 / 100), rows: content.rows))
  }

  /// The slider panel right of the face, above the ±2σ previews when they fit.
  package var sliderPanel: CellRect {
    let left = sliderPanelColumn
    return CellRect(
      column: left, row: content.row, columns: columns - left - 1,
      rows: content.rows - previewBand)
  }

  /// The first column of the slider panel.
  private var sliderPanelColumn: Int { exploreViewport.column + exploreViewport.columns + 2 }

  /// Where a slider row's track starts (column) and how wide it is.
  package var track: (column: Int, width: Int) {
    let panelColumns = columns - sliderPanelColumn - 1
    return (sliderPanelColumn + 2 + 7 + 9, max(9, panelColumns - 2 - 7 - 9 - 8))
  }

  /// Cells of one ±2σ preview thumbnail: under half the track, 6 to 12 columns.
  package var previewCell: (columns: Int, rows: Int) {
    let cellColumns = max(6, min(12, track.width / 2 - 2))
    return (cellColumns, faceRows(forColumns: cellColumns))
  }

  /// Rows at the foot of the slider panel for the previews and their caption row (0 when
  /// fewer than 8 slider rows would be left).
  private var previewBand: Int {
    let band = previewCell.rows + 1
    return content.rows - band >= 8 ? band : 0
  }

  /// The ±2σ previews of the selected slider at the foot of the slider panel, one per
  /// ``SliderPreview/offsets``, each under its value on the track (empty when they do not fit).
  package var previewRects: [CellRect] {
    guard previewBand > 0 else { return [] }
    let cell = previewCell
    let (start, width) = track
    return SliderPreview.offsets.map { offset in
      let centred = trackColumn(for: offset) - cell.columns / 2
      return CellRect(
        column: min(max(centred, start), start + width - cell.columns),
        row: content.row + content.rows - cell.rows, columns: cell.columns, rows: cell.rows)
    }
  }

  /// The track column that shows `value` (σ).
  package func trackColumn(for value: Float) -> Int {
    let (start, width) = track
    let clamped = min(max(value, Slider.range.lowerBound), Slider.range.upperBound)
    let fraction =
      (clamped - Slider.range.lowerBound)
      / (Slider.range.upperBound - Slider.range.lowerBound)
    return start + Int((fraction * Float(width - 1)).rounded())
  }

  /// The value (σ, to 0.01) at track column `column`, clamped to the track.
  package func value(atTrackColumn column: Int) -> Float {
    let (start, width) = track
    let fraction = Float(min(max(column - start, 0), width - 1)) / Float(width - 1)
    let value =
      Slider.range.lowerBound + fraction * (Slider.range.upperBound - Slider.range.lowerBound)
    return (value * 100).rounded() / 100
  }

  /// Slider rows that fit.
  package var visibleSliders: Int { max(1, sliderPanel.rows) }

  /// The held-out strip at the bottom of the Explore face's column for `count` faces: a caption
  /// row, the originals' row and the reconstructions' row of `cellColumns × cellRows` cells;
  /// nil when fewer than 4 rows would be left for the face.
  package func heldOutStrip(count: Int) -> (captionRow: Int, cellColumns: Int, cellRows: Int)? {
    guard count > 0 else { return nil }
    let area = exploreViewport
    let cellColumns = (area.columns - (count - 1)) / count
    let cellRows = faceRows(forColumns: cellColumns)
    let captionRow = content.row + content.rows - 2 * cellRows - 1
    guard cellColumns >= 2, captionRow - content.row >= 4 else { return nil }
    return (captionRow, cellColumns, cellRows)
  }

  /// Rect of held-out face `index` of `count` in the strip: the original, or below it its
  /// reconstruction.
  package func heldOutRect(index: Int, count: Int, reconstruction: Bool) -> CellRect? {
    guard let strip = heldOutStrip(count: count) else { return nil }
    return CellRect(
      column: exploreViewport.column + index * (strip.cellColumns + 1),
      row: strip.captionRow + 1 + (reconstruction ? strip.cellRows : 0),
      columns: strip.cellColumns, rows: strip.cellRows)
  }

  /// The Explore face above a strip of `heldOutCount` held-out faces (0: no strip), in the
  /// columns of ``exploreViewport`` so that the sliders stay where they are.
  package func exploreFace(heldOutCount: Int) -> CellRect {
    guard let strip = heldOutStrip(count: heldOutCount) else { return exploreViewport }
    let area = exploreViewport
    return viewport(
      in: CellRect(
        column: area.column, row: area.row, columns: area.columns,
        rows: strip.captionRow - area.row - 1))
  }

  // MARK: Interpolate

  /// Thumbnail size for an interpolation strip of `count` frames across the screen.
  package func stripCell(count: Int) -> (columns: Int, rows: Int) {
    let across = max(2, (columns - 2) / max(1, count) - 1)
    let cellColumns = min(
      across, faceColumns(maxColumns: across, maxRows: max(2, content.rows / 3)))
    return (cellColumns, faceRows(forColumns: cellColumns))
  }

  /// Rect of frame `index` in the strip of `count`.
  package func stripRect(index: Int, count: Int) -> CellRect {
    let cell = stripCell(count: count)
    return CellRect(
      column: 1 + index * (cell.columns + 1), row: content.row + content.rows - cell.rows,
      columns: cell.columns, rows: cell.rows)
  }

  /// The big face in Interpolate mode, above the strip.
  package func interpolateViewport(count: Int) -> CellRect {
    let strip = stripCell(count: count)
    return viewport(
      in: CellRect(
        column: 1, row: content.row, columns: columns * 45 / 100,
        rows: max(1, content.rows - strip.rows - 2)))
  }

  // MARK: Traverse

  /// Size of one traverse cell and how many rows of dimensions fit on the screen (below the
  /// σ captions).
  package func traverseGrid(dimensions: Int) -> (cellColumns: Int, cellRows: Int, rows: Int) {
    let columnsCount = TraverseState.offsets.count
    let across = max(2, (columns - 8) / columnsCount - 1)
    var cellColumns = across
    var cellRows = faceRows(forColumns: cellColumns)
    // Shrink the cells until at least three rows (or all dimensions) fit.
    let wanted = min(3, dimensions)
    while cellColumns > 2, (content.rows - 1) / (cellRows + 0) < wanted {
      cellColumns -= 1
      cellRows = faceRows(forColumns: cellColumns)
    }
    return (cellColumns, cellRows, max(1, min(dimensions, (content.rows - 1) / cellRows)))
  }

  /// Rect of the traverse cell on screen row `row` (0 = the top row shown), `column`.
  package func traverseRect(row: Int, column: Int, dimensions: Int) -> CellRect {
    let grid = traverseGrid(dimensions: dimensions)
    return CellRect(
      column: 8 + column * (grid.cellColumns + 1), row: content.row + 1 + row * grid.cellRows,
      columns: grid.cellColumns, rows: grid.cellRows)
  }

  // MARK: Browse

  /// Browse thumbnails: cell size, items across and down (a pair per item with originals); the
  /// last content row is left for the predicted label.
  package func browseGrid(pairs: Bool) -> (cellColumns: Int, cellRows: Int, across: Int, down: Int)
  {
    let cellColumns = max(4, min(14, columns / 8))
    let cellRows = faceRows(forColumns: cellColumns)
    let itemWidth = (pairs ? 2 * cellColumns + 1 : cellColumns) + 2
    let across = max(1, (columns - 2) / itemWidth)
    let down = max(1, (content.rows - 1) / (cellRows + 1))
    return (cellColumns, cellRows, across, down)
  }

  /// Rect of item slot `slot` on the page (the reconstruction; the original sits right of it).
  package func browseRect(slot: Int, pairs: Bool) -> CellRect {
    let grid = browseGrid(pairs: pairs)
    let itemWidth = (pairs ? 2 * grid.cellColumns + 1 : grid.cellColumns) + 2
    return CellRect(
      column: 1 + (slot % grid.across) * itemWidth,
      row: content.row + (slot / grid.across) * (grid.cellRows + 1), columns: grid.cellColumns,
      rows: grid.cellRows)
  }
}
