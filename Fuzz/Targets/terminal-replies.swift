import LatentBasics
import TerminalGraphics

/// The probe's reply parser: 7- and 8-bit CSI replies (DA1, XTSMGRAPHICS, the cell size) and
/// kitty's APC reply, among typed keys and unknown sequences, then the choice of graphics mode
/// from them. Sizes read must be positive and the sixel palette 2 to 256 colours.
enum FuzzTarget {
  static func run(_ bytes: [UInt8]) {
    let replies = TerminalReplies.parse(bytes)
    if let size = replies.cellPixelSize, size.width <= 0 || size.height <= 0 {
      fatalError("a cell size of \(size.width)×\(size.height) was read")
    }
    let capabilities = TerminalCapabilities(
      replies: replies, environment: ["TERM": "xterm-256color"], windowCellSize: nil)
    guard (2...256).contains(capabilities.sixelPaletteSize) else {
      fatalError("a sixel palette of \(capabilities.sixelPaletteSize) colours was chosen")
    }
    _ = capabilities.choose()
  }

  static func writeSeeds(into folder: String) throws(LatentError) {
    let seeds = [
      "xterm": "\u{1B}[?1;0;256S\u{1B}[6;20;10t\u{1B}[?63;1;2;4;6;9;15;16;22c",
      "kitty": "\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;36;18t\u{1B}[?62;c",
      "kitty-error": "\u{1B}_Gi=31;ENOTSUPPORTED:no\u{1B}\\\u{1B}[?62;22c",
      "eight-bit": "\u{9B}?1;0;1024S\u{9F}Gi=31;OK\u{9C}\u{9B}?64;4c",
      "keys-between": "jk\u{1B}[A\u{1B}]11;rgb:0000/0000/0000\u{07}q\u{1B}[?1;2c",
      "none": "",
    ]
    for (name, text) in seeds {
      // The 8-bit controls are single bytes, not their UTF-8 encodings.
      let bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
      try writeSeed(bytes, named: name + ".reply", into: folder)
    }
  }
}
