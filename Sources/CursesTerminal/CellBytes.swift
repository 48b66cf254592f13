import TerminalGraphics

/// Appends the escape sequences that draw cells at absolute screen positions.
struct CellBytes {
  private(set) var bytes: [UInt8] = []
  private var foreground = TerminalColor.default
  private var background = TerminalColor.default
  /// Where the terminal's cursor is after the last write (0-based), if known.
  private var cursor: (column: Int, row: Int)?

  init(capacity: Int) { bytes.reserveCapacity(capacity) }

  /// Draws `cell` at `column`, `row` (0-based), moving the cursor only when needed.
  mutating func put(_ cell: Cell, column: Int, row: Int) {
    if cursor?.column != column || cursor?.row != row {
      bytes += [0x1B, 0x5B]
      appendNumber(row + 1)
      bytes.append(0x3B)
      appendNumber(column + 1)
      bytes.append(0x48)
    }
    if cell.foreground != foreground || cell.background != background {
      bytes += [0x1B, 0x5B, 0x30]  // ESC [ 0 : reset, then set both
      append(cell.foreground, base: 30)
      append(cell.background, base: 40)
      bytes.append(0x6D)
      foreground = cell.foreground
      background = cell.background
    }
    appendUTF8(cell.glyph)
    cursor = (column + 1, row)
  }

  /// Appends raw bytes (the cursor position becomes unknown).
  mutating func append(raw: [UInt8]) {
    bytes += raw
    cursor = nil
  }

  /// Resets the colours (SGR 0) if any were set.
  mutating func resetColors() {
    if foreground != .default || background != .default { bytes += [0x1B, 0x5B, 0x30, 0x6D] }
    foreground = .default
    background = .default
  }

  private mutating func append(_ color: TerminalColor, base: Int) {
    switch color {
    case .default: return
    case .rgb(let r, let g, let b):
      bytes.append(0x3B)
      appendNumber(base + 8)
      bytes += [0x3B, 0x32]
      for value in [r, g, b] {
        bytes.append(0x3B)
        appendNumber(Int(value))
      }
    case .indexed256(let index):
      bytes.append(0x3B)
      appendNumber(base + 8)
      bytes += [0x3B, 0x35, 0x3B]
      appendNumber(Int(index))
    }
  }

  private mutating func appendNumber(_ value: Int) {
    bytes.appendDecimal(value)
  }

  private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
    bytes.append(contentsOf: scalar.utf8)
  }
}
