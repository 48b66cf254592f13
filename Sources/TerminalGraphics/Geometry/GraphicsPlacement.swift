/// Wraps pixel-protocol bytes so they draw at a cell position after the screen library's
/// refresh without disturbing it.
package enum GraphicsPlacement {
  /// `CSI ?2026h ESC 7 CSI row;column H <image> ESC 8 CSI ?2026l`: synchronized output
  /// (no tearing), cursor saved, moved to the 1-based `row`, `column`, the image drawn, the
  /// cursor restored.
  package static func bytes(drawing image: [UInt8], row: Int, column: Int) -> [UInt8] {
    precondition(row >= 1 && column >= 1, "terminal rows and columns count from 1")
    var out: [UInt8] = []
    out.reserveCapacity(image.count + 32)
    out.append(contentsOf: Array("\u{1B}[?2026h\u{1B}7\u{1B}[".utf8))
    out.appendDecimal(row)
    out.append(UInt8(ascii: ";"))
    out.appendDecimal(column)
    out.append(UInt8(ascii: "H"))
    out.append(contentsOf: image)
    out.append(contentsOf: Array("\u{1B}8\u{1B}[?2026l".utf8))
    return out
  }
}
