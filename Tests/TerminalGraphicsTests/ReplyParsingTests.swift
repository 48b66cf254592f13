import TerminalGraphics
import Testing

/// Replies measured in real terminals (see the team's terminal-graphics notes).
enum RecordedReplies {
  static let xtermVT340 = "\u{1B}[?1;0;256S\u{1B}[?63;1;2;4;6;9;15;16;22;28c"
  static let plainXterm = "\u{1B}[?1;3S\u{1B}[?64;1;2;6;9;15;16;17;18;21;22;28c"
  static let kitty = "\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;20;9t\u{1B}[?62;c"
  static let tmux = "\u{1B}[?1;2c"
}

@Suite("Parsing terminal replies")
struct ReplyParsingTests {
  private func parse(_ text: String) -> TerminalReplies { TerminalReplies.parse(Array(text.utf8)) }

  @Test("xterm -ti vt340: sixel with 256 colour registers")
  func xtermVT340() {
    let replies = parse(RecordedReplies.xtermVT340)
    #expect(replies.isComplete && replies.advertisesSixel)
    #expect(replies.colorRegisters == 256)
    #expect(replies.kittyGraphics == nil)
    let capabilities = TerminalCapabilities(
      replies: replies, environment: ["TERM": "xterm"], windowCellSize: nil)
    #expect(capabilities.choose().mode == .sixel)
    #expect(capabilities.sixelPaletteSize == 256)
  }

  @Test("Plain xterm: no sixel, failed XTSMGRAPHICS; half blocks by COLORTERM")
  func plainXterm() {
    let replies = parse(RecordedReplies.plainXterm)
    #expect(replies.isComplete && !replies.advertisesSixel && replies.colorRegisters == nil)
    let plain = TerminalCapabilities(
      replies: replies, environment: ["TERM": "xterm-256color"], windowCellSize: nil)
    #expect(plain.choose().mode == .palette256)
    let truecolor = TerminalCapabilities(
      replies: replies, environment: ["TERM": "xterm", "COLORTERM": "truecolor"],
      windowCellSize: nil)
    #expect(truecolor.choose().mode == .truecolor)
  }

  @Test("kitty: graphics protocol and cell size from CSI 16 t")
  func kitty() {
    let replies = parse(RecordedReplies.kitty)
    #expect(replies.isComplete && replies.kittyGraphics == true && !replies.advertisesSixel)
    #expect(replies.cellPixelSize == CellPixelSize(width: 9, height: 20))
    let capabilities = TerminalCapabilities(
      replies: replies, environment: ["TERM": "xterm-kitty", "COLORTERM": "truecolor"],
      windowCellSize: nil)
    #expect(capabilities.choose().mode == .kitty)
    #expect(capabilities.cellPixelSize == CellPixelSize(width: 9, height: 20))
  }

  @Test("tmux: pixel graphics need passthrough, so half blocks")
  func tmux() {
    let capabilities = TerminalCapabilities(
      replies: parse(RecordedReplies.tmux),
      environment: ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"],
      windowCellSize: nil)
    let choice = capabilities.choose()
    #expect(choice.mode == .palette256)
    #expect(choice.notes.contains { $0.contains("passthrough") })
  }

  @Test("An override wins over every reply")
  func overrideWins() {
    let capabilities = TerminalCapabilities(
      replies: parse(RecordedReplies.kitty), environment: ["TERM": "xterm-kitty"],
      windowCellSize: nil)
    for mode in GraphicsMode.allCases where mode != .auto {
      #expect(capabilities.choose(override: mode).mode == mode)
    }
    #expect(GraphicsMode(rawValue: "256") == .palette256)
  }

  @Test("Partial, interleaved, 8-bit and error replies")
  func awkwardInput() {
    let partial = parse(String(RecordedReplies.xtermVT340.dropLast(5)))
    #expect(!partial.isComplete && partial.colorRegisters == 256)
    // A key typed during the probe and an unknown reply do not confuse the parser.
    let noisy = parse("q\u{1B}[>41;379;0c\u{1B}_Gi=31;ENOTSUPPORTED:nope\u{1B}\\x\u{1B}[?62;4c")
    #expect(noisy.isComplete && noisy.advertisesSixel && noisy.kittyGraphics == false)
    let eightBit = TerminalReplies.parse([0x9B] + Array("?62;4c".utf8))
    #expect(eightBit.advertisesSixel)
    #expect(!parse("").isComplete)
  }

  @Test("No reply and a dumb TERM mean ASCII; no reply and a real TERM mean half blocks")
  func silence() {
    #expect(
      TerminalCapabilities(
        replies: TerminalReplies(), environment: ["TERM": "dumb"], windowCellSize: nil
      ).choose().mode == .ascii)
    #expect(
      TerminalCapabilities(replies: TerminalReplies(), environment: [:], windowCellSize: nil)
        .choose().mode == .ascii)
    let silent = TerminalCapabilities(
      replies: TerminalReplies(), environment: ["TERM": "xterm"], windowCellSize: nil)
    #expect(silent.choose().mode == .palette256)
    #expect(silent.cellPixelSize == .fallback)
  }
}
