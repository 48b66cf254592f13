import ImageIO
import LatentUI
import TerminalGraphics

/// Draws the canvas's faces over the screen ncurses has just refreshed: half blocks or
/// ASCII as raw SGR cells (only the cells that changed), sixel or kitty as pixels, all
/// inside one synchronized-output bracket with the cursor saved and restored.
///
/// The cells under a face are blank to ncurses, so its own diffing never touches them;
/// when the face rectangles change, the backend repaints the whole screen and calls
/// ``invalidate()``.
package struct ImageLayer {
  /// How faces are drawn.
  package var renderer: FaceRenderer
  /// Cells drawn last time, by screen position (row-major over the screen).
  private var shown: [Cell?] = []
  private var screenColumns = 0
  /// The images drawn last time (pixel modes redraw only when these change).
  private var lastImages: [CanvasImage] = []
  /// Kitty image ids placed so far, to delete on repaint and at exit.
  private(set) var kittyIDs: Set<UInt32> = []

  /// First kitty image id the layer uses.
  static let kittyBaseID: UInt32 = 1742

  package init(renderer: FaceRenderer) { self.renderer = renderer }

  /// Forget what is on screen: the next frame draws every face in full.
  package mutating func invalidate() {
    shown = []
    lastImages = []
  }

  /// The bytes to write after ncurses' refresh for `canvas`'s faces (empty when nothing
  /// changed).
  package mutating func bytes(for canvas: Canvas) -> [UInt8] {
    if shown.count != canvas.columns * canvas.rows || screenColumns != canvas.columns {
      shown = Array(repeating: nil, count: canvas.columns * canvas.rows)
      screenColumns = canvas.columns
      lastImages = []
    }
    var out = CellBytes(capacity: 4096)
    if renderer.mode.drawsPixels {
      guard canvas.images != lastImages else { return [] }
      lastImages = canvas.images
      for (index, placed) in canvas.images.enumerated() {
        drawPixels(placed, index: index, into: &out)
      }
    } else {
      for placed in canvas.images { drawCells(placed, screen: canvas, into: &out) }
    }
    out.resetColors()
    guard !out.bytes.isEmpty else { return [] }
    return Array("\u{1B}[?2026h\u{1B}7".utf8) + out.bytes + Array("\u{1B}8\u{1B}[?2026l".utf8)
  }

  /// Bytes that remove every kitty image this layer placed.
  package func deleteKittyImages() -> [UInt8] {
    kittyIDs.sorted().flatMap { KittyImage(imageID: $0).delete() }
  }

  private mutating func drawCells(_ placed: CanvasImage, screen: Canvas, into out: inout CellBytes)
  {
    let rect = placed.rect
    guard !rect.isEmpty, !placed.image.pixels.isEmpty else { return }
    guard
      case .cells(let grid) = renderer.render(placed.image, columns: rect.columns, rows: rect.rows)
    else { return }
    let left = rect.column + (rect.columns - grid.columns) / 2
    for row in 0..<grid.rows {
      let y = rect.row + row
      guard y >= 0, y < screen.rows else { continue }
      for column in 0..<grid.columns {
        let x = left + column
        guard x >= 0, x < screen.columns else { continue }
        let cell = grid[column, row]
        let slot = y * screen.columns + x
        if shown[slot] == cell { continue }
        shown[slot] = cell
        out.put(cell, column: x, row: y)
      }
    }
  }

  private mutating func drawPixels(_ placed: CanvasImage, index: Int, into out: inout CellBytes) {
    let rect = placed.rect
    guard !rect.isEmpty, !placed.image.pixels.isEmpty else { return }
    var renderer = renderer
    let id = Self.kittyBaseID + UInt32(index)
    renderer.kitty = KittyImage(imageID: id)
    guard
      case .pixels(let bytes, let usedColumns, _) = renderer.render(
        placed.image, columns: rect.columns, rows: rect.rows)
    else { return }
    if renderer.mode == .kitty { kittyIDs.insert(id) }
    let left = rect.column + (rect.columns - usedColumns) / 2
    out.append(raw: Array("\u{1B}[\(rect.row + 1);\(left + 1)H".utf8))
    out.append(raw: bytes)
  }
}
