/// The map's dots as cells: a braille raster of the stored codes on a plane, each cell in the
/// colour of its codes.
package struct MapPicture: Hashable, Sendable {
  /// The six colours labels take (label mod 6).
  package static let labelStyles: [TextStyle] = [.red, .green, .yellow, .blue, .magenta, .cyan]

  package var raster: BrailleRaster
  /// One style per cell, row-major.
  package var styles: [TextStyle]
  /// Codes per cell, row-major.
  package var counts: [Int]
  /// Codes that land on the plot (the others lie beyond its range).
  package var shown = 0

  /// The picture of `points` on `plane`, coloured by `colouring`: `labels` (one per point, −1
  /// unlabelled) for the label colouring, `shades` (one per point, σ) for an attribute's.
  package init(
    points: [MapPoint], on plane: MapPlane, colouring: MapState.Colouring, labels: [Int],
    shades: [Float]
  ) {
    let rect = plane.rect
    let cells = rect.columns * rect.rows
    raster = BrailleRaster(columns: rect.columns, rows: rect.rows)
    counts = Array(repeating: 0, count: cells)
    styles = Array(repeating: .normal, count: cells)
    // Votes per cell for the six label colours and for unlabelled (the 7th), or shade sums.
    var votes = [Int](repeating: 0, count: colouring == .label ? cells * 7 : 0)
    var shadeSums = [Float](repeating: 0, count: cells)
    for (index, point) in points.enumerated() {
      guard let dot = plane.dot(for: point) else { continue }
      shown += 1
      raster.raise(x: dot.x, y: dot.y)
      let cell = (dot.y / 4) * rect.columns + dot.x / 2
      counts[cell] += 1
      switch colouring {
      case .label:
        let label = labels.indices.contains(index) ? labels[index] : -1
        votes[cell * 7 + (label >= 0 ? label % 6 : 6)] += 1
      case .attribute:
        if shades.indices.contains(index) { shadeSums[cell] += shades[index] }
      case .density: break
      }
    }
    for cell in 0..<cells where counts[cell] > 0 {
      switch colouring {
      case .label:
        let cellVotes = votes[(cell * 7)..<(cell * 7 + 7)]
        let winner = cellVotes.indices.max { cellVotes[$0] < cellVotes[$1] } ?? cell * 7
        let bucket = winner - cell * 7
        styles[cell] = bucket < 6 ? Self.labelStyles[bucket] : .dim
      case .attribute:
        styles[cell] = Self.shadeStyle(shadeSums[cell] / Float(counts[cell]))
      case .density:
        styles[cell] = counts[cell] >= 5 ? .bold : counts[cell] >= 2 ? .normal : .dim
      }
    }
  }

  /// A signed distance's colour on the diverging scale: blue (≤ −1σ), cyan, dim (within
  /// ±0.25σ of the boundary), yellow, red (≥ +1σ).
  package static func shadeStyle(_ value: Float) -> TextStyle {
    switch value {
    case ..<(-1): .blue
    case ..<(-0.25): .cyan
    case ...0.25: .dim
    case ..<1: .yellow
    default: .red
    }
  }

  /// Raises the dots of the polyline through `points` (an interpolation's frames) and styles
  /// its cells `style`.
  package mutating func addPath(_ points: [MapPoint], on plane: MapPlane, style: TextStyle) {
    let dots = points.compactMap { plane.dot(for: $0) }
    guard let first = dots.first else { return }
    var previous = first
    for dot in dots {
      let steps = max(abs(dot.x - previous.x), abs(dot.y - previous.y), 1)
      for s in 0...steps {
        let x = previous.x + (dot.x - previous.x) * s / steps
        let y = previous.y + (dot.y - previous.y) * s / steps
        raster.raise(x: x, y: y)
        styles[(y / 4) * plane.rect.columns + x / 2] = style
      }
      previous = dot
    }
  }
}
