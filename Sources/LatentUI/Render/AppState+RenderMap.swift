import FaceVAE
import LatentBasics

/// Map mode's screen: the plot of stored codes with the cursor, the face and what it is near.
extension AppState {
  func renderMap(into canvas: inout Canvas, _ layout: Layout) {
    let plane = mapPlane
    let face = layout.mapFace
    if let shown = self.face {
      canvas.images.append(CanvasImage(rect: face, image: shown))
    } else {
      canvas.put("decoding…", column: face.column, row: face.row, style: .dim)
    }
    guard let projection = map.projection else {
      canvas.put("no directions to map", column: 1, row: layout.content.row, style: .dim)
      return
    }
    var picture = MapPicture(
      points: map.points, on: plane, colouring: map.colouring, labels: model.storedLabels,
      shades: map.shades)
    var ends: [(MapPoint, String)] = []
    if let codes = interpolation.codes() {
      picture.addPath(
        (0..<codes.count).map { projection.point(of: codes[$0]) }, on: plane, style: .bold)
      if let start = interpolation.start { ends.append((projection.point(of: start), "A")) }
      if let end = interpolation.end { ends.append((projection.point(of: end), "B")) }
    }
    let rect = plane.rect
    for row in 0..<rect.rows {
      for column in 0..<rect.columns {
        // An empty cell stays a space: some fonts draw the blank braille pattern.
        guard picture.raster.cellBits(column: column, row: row) != 0 else { continue }
        canvas[column: rect.column + column, row: rect.row + row] = CanvasCell(
          picture.raster.glyph(column: column, row: row),
          picture.styles[row * rect.columns + column])
      }
    }
    renderMapAxes(into: &canvas, plane)
    // Markers over the dots: the ends, the nearest stored face, the face, the cursor (on top).
    let nearest = map.nearestStoredFace(to: map.cursor)
    var markers = ends.map { ($0.0, $0.1, TextStyle.bold) }
    if let nearest { markers.append((map.points[nearest], "o", .good)) }
    markers.append((projection.point(of: z), "@", .bold))
    markers.append((map.cursor, "+", .selected))
    for (point, glyph, style) in markers {
      guard let cell = plane.cell(for: point) else { continue }
      canvas.put(glyph, column: cell.column, row: cell.row, style: style)
    }
    renderMapFacts(into: &canvas, layout, nearest: nearest, shown: picture.shown)
  }

  /// σ captions along the left and under the plot, and the axes' names.
  private func renderMapAxes(into canvas: inout Canvas, _ plane: MapPlane) {
    let rect = plane.rect
    let labelColumn = rect.column - 6
    let y = plane.yRange
    canvas.put(
      RenderText.sigma(y.upperBound), column: labelColumn, row: rect.row, style: .dim, limit: 6)
    canvas.put(
      RenderText.sigma((y.lowerBound + y.upperBound) / 2), column: labelColumn,
      row: rect.row + rect.rows / 2, style: .dim, limit: 6)
    canvas.put(
      RenderText.sigma(y.lowerBound), column: labelColumn, row: rect.row + rect.rows - 1,
      style: .dim, limit: 6)
    let yName = "↑" + map.axes[map.yAxis].name
    if rect.rows > 4 {
      canvas.put(yName, column: labelColumn, row: rect.row + 1, style: .bold, limit: 6)
    }
    let below = rect.row + rect.rows
    let x = plane.xRange
    let high = RenderText.sigma(x.upperBound)
    canvas.put(RenderText.sigma(x.lowerBound), column: rect.column, row: below, style: .dim)
    let middle = RenderText.sigma((x.lowerBound + x.upperBound) / 2)
    canvas.put(
      middle, column: rect.column + (rect.columns - middle.count) / 2, row: below, style: .dim)
    canvas.put(high, column: rect.column + rect.columns - high.count, row: below, style: .dim)
    let xName = map.axes[map.xAxis].name + "→"
    canvas.put(
      xName, column: rect.column + rect.columns * 3 / 4 - xName.count / 2, row: below,
      style: .bold)
  }

  /// Under the face: the cursor's values, the nearest stored face, the support count, the
  /// colours' meaning and the markers'.
  private func renderMapFacts(
    into canvas: inout Canvas, _ layout: Layout, nearest: Int?, shown: Int
  ) {
    let face = layout.mapFace
    let column = face.column
    let width = columns - column - 1
    var row = face.row + face.rows + 1
    func line(_ key: String, _ value: String, _ style: TextStyle = .bold) {
      guard row < layout.content.row + layout.content.rows else { return }
      let end = canvas.put(key.padded(to: 9), column: column, row: row, style: .dim, limit: width)
      canvas.put(value, column: end, row: row, style: style, limit: max(0, column + width - end))
      row += 1
    }
    let x = map.axes[map.xAxis]
    let y = map.axes[map.yAxis]
    line("x", "\(x.name) \(RenderText.sigma(x.value(of: z)))")
    line("y", "\(y.name) \(RenderText.sigma(y.value(of: z)))")
    line("nearest", nearest.map { "o " + storedFaceCaption($0) } ?? "no stored faces")
    if let text = supportText { line("support", text) }
    line("stored", "\(shown) of \(model.storedFaces) on the map", .normal)
    let legendRow = row
    line("colour", colouringName + " ")
    if legendRow < row {
      renderColourLegend(
        into: &canvas, column: column + 9 + colouringName.count + 1, row: legendRow)
    }
    line("marks", "+cursor @face o nearest A/B", .dim)
  }

  /// The colours' key after the colouring's name: the labels' six colours, or the diverging
  /// scale.
  private func renderColourLegend(into canvas: inout Canvas, column: Int, row: Int) {
    var at = column
    switch map.colouring {
    case .label:
      for (k, style) in MapPicture.labelStyles.enumerated() {
        at = canvas.put("\(k)", column: at, row: row, style: style)
      }
      canvas.put(" (mod 6)", column: at, row: row, style: .dim)
    case .attribute:
      for (text, style) in [
        ("−1σ", TextStyle.blue), (" ", .cyan), ("0", .dim), (" ", .yellow), ("+1σ", .red),
      ] {
        at = canvas.put(text == " " ? "■" : text, column: at, row: row, style: style)
      }
    case .density:
      canvas.put("dim 1 · 2–4 · bold 5+", column: at, row: row, style: .dim)
    }
  }

  /// `7 codes within 1.23σ`: stored codes near the current code (nil without enough of them).
  var supportText: String? {
    guard let support = model.support else { return nil }
    let count = support.count(near: z, in: model.storedCodes)
    return "\(count) stored within \(RenderText.decimal(Double(support.radius), digits: 2))σ"
  }
}
