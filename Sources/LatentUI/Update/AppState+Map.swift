import FaceVAE

/// Map mode: axes, the cursor (which moves the current code), and jumps to stored faces.
extension AppState {
  /// Opens the map: the axes of the model's directions (the choice kept while they are the
  /// same), the stored codes placed on them, the cursor on the current code.
  mutating func enterMap() -> [AppEffect] {
    let axes = model.mapAxes
    if axes != map.axes {
      map.axes = axes
      map.xAxis = 0
      map.yAxis = min(1, max(0, axes.count - 1))
    }
    if case .attribute(let name) = map.colouring, model.attribute(named: name) == nil {
      map.colouring = .label
    }
    if map.colouring == .label, !hasStoredLabels { map.colouring = .density }
    placeStoredCodes()
    return face == nil ? [requestFace()] : []
  }

  /// Where each stored code lands on the axes chosen, and the cursor on the current code.
  mutating func placeStoredCodes() {
    guard let projection = map.projection else {
      map.points = []
      return
    }
    map.points = projection.points(of: model.storedCodes)
    map.centre = MapPoint(x: 0, y: 0)
    if !map.points.isEmpty {
      let count = Float(map.points.count)
      let mean = map.points.reduce(MapPoint(x: 0, y: 0)) {
        MapPoint(x: $0.x + $1.x / count, y: $0.y + $1.y / count)
      }
      map.centre = MapPoint(x: (mean.x * 2).rounded() / 2, y: (mean.y * 2).rounded() / 2)
    }
    map.shades = []
    if case .attribute(let name) = map.colouring,
      let axis = model.mapAxis(for: Slider(target: .attribute(name), name: name, kl: nil))
    {
      map.shades = (0..<model.storedFaces).map { axis.value(of: model.storedCodes, row: $0) }
    }
    map.cursor = mapPlane.clamped(projection.point(of: z))
  }

  /// The plot: the layout's cells, around the stored codes' centre.
  package var mapPlane: MapPlane { Layout(self).mapPlane.centred(on: map.centre) }

  /// Whether any stored face has a label.
  var hasStoredLabels: Bool { model.storedLabels.contains { $0 >= 0 } }

  /// Map mode's keys: the cursor, the axes, the colours, the nearest stored face, the ends.
  mutating func handleMap(_ action: KeyAction) -> [AppEffect] {
    let step = mapPlane.cellStep
    switch action {
    case .cursorUp: return moveMapCursor(by: 0, step.y)
    case .cursorDown: return moveMapCursor(by: 0, -step.y)
    case .cursorLeft: return moveMapCursor(by: -step.x, 0)
    case .cursorRight: return moveMapCursor(by: step.x, 0)
    case .cursorFarUp: return moveMapCursor(by: 0, 5 * step.y)
    case .cursorFarDown: return moveMapCursor(by: 0, -5 * step.y)
    case .cursorFarLeft: return moveMapCursor(by: -5 * step.x, 0)
    case .cursorFarRight: return moveMapCursor(by: 5 * step.x, 0)
    case .previousXAxis, .nextXAxis, .previousYAxis, .nextYAxis:
      guard !map.axes.isEmpty else { return [] }
      let count = map.axes.count
      let delta = action == .previousXAxis || action == .previousYAxis ? count - 1 : 1
      if action == .previousXAxis || action == .nextXAxis {
        map.xAxis = (map.xAxis + delta) % count
      } else {
        map.yAxis = (map.yAxis + delta) % count
      }
      placeStoredCodes()
      say("map: x \(map.axes[map.xAxis].name), y \(map.axes[map.yAxis].name)")
    case .nextColouring:
      map.colouring = nextColouring(after: map.colouring)
      placeStoredCodes()
      say("map coloured by \(colouringName)")
    case .useSelection:
      guard let index = map.nearestStoredFace(to: map.cursor) else {
        say("the model stores no faces to go to")
        return []
      }
      return goToStoredFace(index)
    case .setStart, .setEnd:
      let isStart = action == .setStart
      interpolation.setEnd(isStart: isStart, to: z, label: "map")
      say("end \(isStart ? "A" : "B") = the face shown (I interpolates)")
    default: break
    }
    return []
  }

  /// The map's colouring after `colouring`: label (when faces have labels), each attribute,
  /// density, around again.
  func nextColouring(after colouring: MapState.Colouring) -> MapState.Colouring {
    let all: [MapState.Colouring] =
      (hasStoredLabels ? [.label] : []) + model.attributes.map { .attribute($0.name) }
      + [.density]
    let index = all.firstIndex(of: colouring) ?? -1
    return all[(index + 1) % all.count]
  }

  /// What the dots' colours say, for the status line and the side panel.
  var colouringName: String {
    switch map.colouring {
    case .label: "label"
    case .attribute(let name): name
    case .density: "density"
    }
  }

  /// Moves the cursor by `dx`, `dy` σ.
  mutating func moveMapCursor(by dx: Float, _ dy: Float) -> [AppEffect] {
    moveMapCursor(to: MapPoint(x: map.cursor.x + dx, y: map.cursor.y + dy))
  }

  /// Puts the cursor at `point` (kept on the plot) and the current code there: its values
  /// along the two axes become the cursor's, everything orthogonal to both stays.
  mutating func moveMapCursor(to point: MapPoint) -> [AppEffect] {
    guard let projection = map.projection else { return [] }
    map.cursor = mapPlane.clamped(point)
    let moved = projection.code(moving: z, to: map.cursor).map {
      min(max($0, Slider.range.lowerBound), Slider.range.upperBound)
    }
    guard moved != z else { return [] }
    history.record(sliderSnapshot)
    z = moved
    return [requestFace()]
  }

  /// Makes stored face `index`'s code the current code (the map stays), and says which.
  mutating func goToStoredFace(_ index: Int) -> [AppEffect] {
    guard index >= 0, index < model.storedFaces else { return [] }
    let before = sliderSnapshot
    z = model.storedCodes[index].map {
      min(max($0, Slider.range.lowerBound), Slider.range.upperBound)
    }
    rememberStep(before)
    if let projection = map.projection {
      map.cursor = mapPlane.clamped(projection.point(of: z))
    }
    say("face \(storedFaceCaption(index))", .good)
    return [requestFace()]
  }

  /// `#12 · 3`: a stored face and its label (`#12` when unlabelled).
  func storedFaceCaption(_ index: Int) -> String {
    let label = model.storedLabels.indices.contains(index) ? model.storedLabels[index] : -1
    guard label >= 0 else { return "#\(index)" }
    let name = datasetLabelNames.indices.contains(label) ? datasetLabelNames[label] : "\(label)"
    return "#\(index) · \(name)"
  }

  /// A press on the plot: on a cell with dots, the stored face nearest the press among the
  /// cell's; elsewhere (and while dragging) the cursor goes there.
  mutating func mapMouse(_ mouse: MouseEvent, _ layout: Layout) -> [AppEffect] {
    let plane = mapPlane
    guard mouse.action == .press || mouse.action == .drag,
      plane.rect.contains(column: mouse.column, row: mouse.row)
    else { return [] }
    let point = plane.point(atColumn: mouse.column, row: mouse.row)
    if mouse.action == .press {
      let inCell = map.nearestStoredFace(to: point) { stored in
        guard let cell = plane.cell(for: stored) else { return false }
        return cell.column == mouse.column && cell.row == mouse.row
      }
      if let inCell { return goToStoredFace(inCell) }
    }
    return moveMapCursor(to: point)
  }
}
