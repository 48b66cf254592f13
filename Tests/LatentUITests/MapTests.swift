import FaceVAE
import LatentUI
import Testing

/// Three dimensions, PCA directions u = (0.6, 0.8, 0) with σ 1 and v = (−0.8, 0.6, 0) with σ
/// 0.5, an attribute `smile` along z2 (offset 0.5, spread 2), and twelve stored codes spread
/// over the plane of u and v with labels 0…3 (off the dots' edges).
func mapModel() -> ModelSummary {
  let u: [Float] = [0.6, 0.8, 0]
  let v: [Float] = [-0.8, 0.6, 0]
  var directions = LatentCodes(dimensions: 3)
  directions.append(u)
  directions.append(v)
  var stored = LatentCodes(dimensions: 3)
  // Stored code k sits at pca0 = −2.45 + 0.45·k, pca1 = (k mod 4) − 1.4 (in σ), z2 = k/12.
  for k in 0..<12 {
    let a = -2.45 + 0.45 * Float(k)
    let b = (Float(k % 4) - 1.4) * 0.5
    stored.append([a * u[0] + b * v[0], a * u[1] + b * v[1], Float(k) / 12])
  }
  return ModelSummary(
    name: "map", latentDimensions: 3, imageWidth: 8, imageHeight: 8, channels: 3,
    klPerDimension: [1, 2, 3],
    attributes: [.init(name: "smile", direction: [0, 0, 1], offset: 0.5, spread: 2)],
    storedCodes: stored, storedLabels: (0..<12).map { $0 % 4 },
    banks: ["pca": DirectionBank(directions: directions, scales: [1, 0.5])])
}

@Suite("The map")
struct MapTests {
  func mapState() -> AppState {
    AppState(model: mapModel(), graphicsName: "truecolor", columns: 120, rows: 40)
  }

  @Test func aCodeAlongTwoDirectionsLandsAtItsValuesInTheirσ() throws {
    let model = mapModel()
    let axes = model.mapAxes
    // PCA first (the default axes), then the dimensions by KL, then the attribute.
    #expect(axes.map(\.name) == ["pca0", "pca1", "z2", "z1", "z0", "smile"])
    let projection = MapProjection(x: axes[0], y: axes[1])
    // 1.5σ along u (σ 1) and −2σ along v (σ 0.5).
    let code: [Float] = [1.5 * 0.6 + 2 * 0.5 * 0.8, 1.5 * 0.8 - 2 * 0.5 * 0.6, 0.7]
    let point = projection.point(of: code)
    #expect(abs(point.x - 1.5) < 1e-5 && abs(point.y + 2) < 1e-5)
    // The attribute: (n·z + b) / spread = (0.7 + 0.5) / 2.
    let smile = try #require(axes.last)
    #expect(abs(smile.value(of: code) - 0.6) < 1e-6)
    // A dimension's value is the component itself.
    #expect(axes[2].value(of: code) == 0.7)
  }

  @Test func movingToAPointSetsBothAxesAndKeepsWhatIsOrthogonalToThem() throws {
    let model = ModelSummary(
      name: "skew", latentDimensions: 3, imageWidth: 8, imageHeight: 8, channels: 3,
      attributes: [.init(name: "tilt", direction: [1, 1, 0], offset: 0.2, spread: 0.5)])
    let axes = model.mapAxes
    let x = try #require(axes.first { $0.name == "z0" })
    let y = try #require(axes.first { $0.name == "tilt" })
    let projection = MapProjection(x: x, y: y)
    let start: [Float] = [0.3, -0.2, 0.7]
    let moved = projection.code(moving: start, to: MapPoint(x: 1, y: -0.5))
    // z0 = 1; tilt = ((z0 + z1)/√2 + 0.2) / 0.5 = −0.5 → z1 = (−0.45)·√2 − 1.
    #expect(abs(moved[0] - 1) < 1e-5)
    let expectedZ1 = Float(-0.45 * 2.0.squareRoot() - 1)
    #expect(abs(moved[1] - expectedZ1) < 1e-5)
    // z2 is orthogonal to both axes: it stays.
    #expect(moved[2] == 0.7)
    // The same axis twice: only x is set.
    let same = MapProjection(x: x, y: x).code(moving: start, to: MapPoint(x: -1, y: 2))
    #expect(abs(same[0] + 1) < 1e-6 && same[1] == -0.2 && same[2] == 0.7)
  }

  @Test func brailleCellsAreU2800PlusTheBitsOfTheirRaisedDots() {
    // Unicode's numbering: dots 1 2 3 7 down the left column, 4 5 6 8 down the right; dot n
    // is bit n − 1.
    func bit(_ dot: Int) -> UInt32 { 1 << UInt32(dot - 1) }
    var raster = BrailleRaster(columns: 2, rows: 2)
    raster.raise(x: 0, y: 0)  // cell (0,0), dot 1
    raster.raise(x: 1, y: 3)  // cell (0,0), dot 8
    raster.raise(x: 3, y: 1)  // cell (1,0), right column, second row: dot 5
    raster.raise(x: 2, y: 6)  // cell (1,1), left column, third row: dot 3
    raster.raise(x: 0, y: 7)  // cell (0,1), dot 7
    raster.raise(x: 9, y: 0)  // outside: ignored
    #expect(raster.glyph(column: 0, row: 0) == Unicode.Scalar(0x2800 + (bit(1) | bit(8))))
    #expect(raster.glyph(column: 1, row: 0) == Unicode.Scalar(0x2800 + bit(5)))
    #expect(raster.glyph(column: 1, row: 1) == Unicode.Scalar(0x2800 + bit(3)))
    #expect(raster.glyph(column: 0, row: 1) == Unicode.Scalar(0x2800 + bit(7)))
    let total = raster.bits.map(Int.init).reduce(0, +)
    #expect(total == 0x81 + 0x10 + 0x04 + 0x40)
  }

  @Test func thePlaneMapsItsRangeOntoTheDotsXRightAndYUp() throws {
    let plane = MapPlane(rect: CellRect(column: 5, row: 2, columns: 10, rows: 5))
    // 20 × 20 dots over −3…3σ: 0.3σ a dot.
    #expect(plane.dot(for: MapPoint(x: -3, y: 3))! == (0, 0))
    #expect(plane.dot(for: MapPoint(x: 3, y: -3))! == (19, 19))
    #expect(plane.dot(for: MapPoint(x: 0.1, y: -0.1))! == (10, 10))
    #expect(plane.dot(for: MapPoint(x: -0.31, y: 0.31))! == (8, 8))
    #expect(plane.dot(for: MapPoint(x: 3.1, y: 0)) == nil)
    let cell = try #require(plane.cell(for: MapPoint(x: 0.1, y: -0.1)))
    #expect(cell == (5 + 5, 2 + 2))
    // A cell's centre lies in that cell.
    let centre = plane.point(atColumn: 7, row: 4)
    #expect(plane.cell(for: centre)! == (7, 4))
  }

  @Test func theNearestStoredFaceIsTheBruteForceNearestOnThePlane() {
    var generator = SystemRandomNumberGenerator()
    var map = MapState()
    map.points = (0..<300).map { _ in
      MapPoint(
        x: .random(in: -3...3, using: &generator), y: .random(in: -3...3, using: &generator))
    }
    for _ in 0..<50 {
      let target = MapPoint(
        x: .random(in: -3...3, using: &generator), y: .random(in: -3...3, using: &generator))
      let distances = map.points.map { point -> Double in
        let dx = Double(point.x - target.x)
        let dy = Double(point.y - target.y)
        return dx * dx + dy * dy
      }
      let nearest = map.nearestStoredFace(to: target)
      let best = distances.min()!
      #expect(nearest.map { abs(distances[$0] - best) < 1e-6 } == true)
    }
    #expect(MapState().nearestStoredFace(to: MapPoint(x: 0, y: 0)) == nil)
  }

  @Test func theSupportCountIsTheBruteForceCountWithinTheMedianTenthNeighbourDistance() throws {
    var generator = SystemRandomNumberGenerator()
    let d = 6
    var codes = LatentCodes(dimensions: d)
    for _ in 0..<120 { codes.append((0..<d).map { _ in .random(in: -1...1, using: &generator) }) }
    func distance(_ a: [Float], _ b: [Float]) -> Double {
      zip(a, b).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +).squareRoot()
    }
    // With 120 codes (fewer than the sample size) every code sets the radius.
    var tenth: [Double] = []
    for i in 0..<codes.count {
      let others = (0..<codes.count).filter { $0 != i }.map { distance(codes[i], codes[$0]) }
      tenth.append(others.sorted()[9])
    }
    let median = tenth.sorted()[tenth.count / 2]
    let support = try #require(SupportCount(codes: codes))
    #expect(abs(Double(support.radius) - median) < 1e-4)
    for _ in 0..<20 {
      let probe = (0..<d).map { _ in Float.random(in: -1.5...1.5, using: &generator) }
      let expected = (0..<codes.count).filter { distance(codes[$0], probe) <= median }.count
      let counted = support.count(near: probe, in: codes)
      // Within one: a code at the radius's edge may round either way in Float.
      #expect(abs(counted - expected) <= 1, "\(counted) vs \(expected)")
    }
    #expect(SupportCount(codes: LatentCodes(dimensions: 2, count: 10)) == nil)
  }

  @Test func mOpensTheMapAndArrowsMoveTheCursorAndTheFacesCodeAlongTheAxes() throws {
    var state = mapState()
    _ = state.press(.character("M"))
    #expect(state.mode == .map)
    let plane = state.mapPlane
    let step = plane.cellStep
    let code = try #require(faceCodes(state.press(.right)).first)
    let projection = try #require(state.map.projection)
    let point = projection.point(of: code)
    #expect(abs(point.x - step.x) < 1e-4 && abs(point.y) < 1e-4)
    // z2 is orthogonal to both PCA directions: untouched.
    #expect(code[2] == 0)
    let up = try #require(faceCodes(state.press(.character("K"))).first)
    #expect(abs(projection.point(of: up).y - 5 * step.y) < 1e-4)
    // The slider values follow: Explore shows the moved code.
    #expect(state.z == up)
  }

  @Test func aClickOnADotGoesToThatStoredFaceAndAClickElsewhereMovesTheCursor() throws {
    var state = mapState()
    _ = state.press(.character("M"))
    let plane = state.mapPlane
    let projection = try #require(state.map.projection)
    let stored = state.model.storedCodes[2]
    let cell = try #require(plane.cell(for: projection.point(of: stored)))
    let effects = state.update(.mouse(MouseEvent(.press, column: cell.column, row: cell.row)))
    #expect(faceCodes(effects).first == stored)
    #expect(state.z == stored && state.mode == .map)
    #expect(state.message == "face #2 · 2")
    // The stored face is now the one nearest the cursor, marked o beside the face.
    #expect(state.map.nearestStoredFace(to: state.map.cursor) == 2)
    #expect(state.render().text.contains("o #2 · 2"))
    // The cell in the plot's top-left corner holds no stored code: the cursor goes there.
    let corner = plane.rect
    let moved = try #require(
      faceCodes(
        state.update(.mouse(MouseEvent(.press, column: corner.column, row: corner.row)))
      ).first)
    let point = projection.point(of: moved)
    #expect(point.x < -2.5 && point.y > 2.5)
  }

  @Test func enterGoesToTheStoredFaceNearestTheCursor() throws {
    var state = mapState()
    _ = state.press(.character("M"))
    // The cursor at (0, 0): stored face k sits at (−2.45 + 0.45k, (k mod 4) − 1.4); the
    // nearest is k = 5 at (−0.2, −0.4).
    let code = try #require(faceCodes(state.press(.enter)).first)
    #expect(code == state.model.storedCodes[5])
    #expect(state.message == "face #5 · 1")
  }

  @Test func theMapDrawsBrailleDotsWhereTheStoredCodesLieWithTheMarkersAndAxes() throws {
    var state = mapState()
    _ = state.press(.character("M"))
    let canvas = state.render()
    let plane = state.mapPlane
    let rect = plane.rect
    for k in [0, 3, 11] {
      // Where stored face k should land, computed from its σ values, not by the plane.
      let x = -2.45 + 0.45 * Float(k)
      let y = Float(k % 4) - 1.4
      let dotX = Int(((x + 3) / 6 * Float(2 * rect.columns)).rounded(.down))
      let dotY = Int(((3 - y) / 6 * Float(4 * rect.rows)).rounded(.down))
      let cell = canvas[column: rect.column + dotX / 2, row: rect.row + dotY / 4]
      let bits = cell.glyph.value - 0x2800
      let expectedBit = BrailleRaster.bit(x: dotX % 2, y: dotY % 4)
      #expect(bits < 0x100 && bits & UInt32(expectedBit) != 0, "face \(k): \(cell.glyph)")
      // Coloured by label (k mod 4): red, green, yellow, blue.
      #expect(cell.style == MapPicture.labelStyles[k % 4])
    }
    let text = canvas.text
    #expect(text.contains("pca0→") && text.contains("↑pca1"))
    #expect(text.contains("+") && text.contains("support"))
    #expect(text.contains("12 of 12 on the map"))
  }

  @Test func bracketsChangeTheAxesAndCTheColours() {
    var state = mapState()
    _ = state.press(.character("M"))
    _ = state.press(.character("]"))
    #expect(state.map.axes[state.map.xAxis].name == "pca1")
    _ = state.press(.character("{"))
    #expect(state.map.axes[state.map.yAxis].name == "pca0")
    #expect(state.render().text.contains("pca1→"))
    _ = state.press(.character("C"))
    #expect(state.map.colouring == .attribute("smile"))
    #expect(state.map.shades.count == 12)
    // Stored face 11 has z2 = 11/12: (11/12 + 0.5)/2 ≈ +0.71σ from smile's boundary: yellow.
    #expect(MapPicture.shadeStyle(state.map.shades[11]) == .yellow)
    _ = state.press(.character("C"))
    #expect(state.map.colouring == .density)
    _ = state.press(.character("C"))
    #expect(state.map.colouring == .label)
  }

  @Test func exploreCountsTheStoredCodesNearTheCodeUnderTheFaceOrOnTheStatusLine() throws {
    var state = mapState()
    let support = try #require(state.model.support)
    let layout = Layout(state)
    let face = layout.exploreFace(heldOutCount: 0)
    // At stored face 0 the count includes the face itself.
    state.z = state.model.storedCodes[0]
    let near = support.count(near: state.z, in: state.model.storedCodes)
    #expect(near >= 1)
    let underFace = state.render().lines[face.row + face.rows]
    #expect(underFace.contains("support: \(near) stored within"), "\(underFace)")
    // Far from every stored code: none.
    state.z = [3, -3, 3]
    #expect(state.render().lines[face.row + face.rows].contains("support: 0 stored within"))
    // A terminal where the face fills the content rows: the status line carries it.
    state = AppState(model: mapModel(), graphicsName: "truecolor", columns: 200, rows: 16)
    let small = Layout(state)
    #expect(small.exploreFace(heldOutCount: 0).rows == small.content.rows)
    #expect(state.render().lines[small.statusRow].contains(" stored within"))
  }
}
