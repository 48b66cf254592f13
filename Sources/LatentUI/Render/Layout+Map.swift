/// Map mode: the plot on the left, the face and its facts on the right.
extension Layout {
  /// Columns of the side panel right of the plot (the face and the facts under it).
  package var mapSideColumns: Int { max(26, columns * 30 / 100) }

  /// The face in Map mode: the top of the side panel, up to half the content rows.
  package var mapFace: CellRect {
    viewport(
      in: CellRect(
        column: columns - mapSideColumns - 1, row: content.row, columns: mapSideColumns,
        rows: max(4, content.rows / 2)))
  }

  /// The plot: left of the side panel, a column of y-axis labels before it and a row of x-axis
  /// labels under it; as wide as tall in pixels (one σ is as long across as down).
  package var mapPlane: MapPlane {
    let labels = 6
    let availableColumns = max(4, columns - mapSideColumns - 3 - labels - 1)
    let availableRows = max(2, content.rows - 1)
    // A cell is cellAspect times as tall as wide: W cells across match W / cellAspect down.
    let across = min(availableColumns, Int(Double(availableRows) * cellAspect))
    let down = min(availableRows, max(1, Int((Double(across) / cellAspect).rounded())))
    return MapPlane(
      rect: CellRect(column: 1 + labels, row: content.row, columns: across, rows: down))
  }
}
