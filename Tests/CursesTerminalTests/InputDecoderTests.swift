import CursesTerminal
import LatentUI
import Testing

@Suite("Input decoding")
struct InputDecoderTests {
  func characters(_ text: String) -> [RawInput] {
    text.unicodeScalars.map { .character($0.value) }
  }

  func keys(_ events: [AppEvent]) -> [Key] {
    events.compactMap { if case .key(let key) = $0 { key } else { nil } }
  }

  @Test func lateProbeRepliesAreDropped() {
    var decoder = InputDecoder()
    let input = characters(
      "\u{1B}_Gi=31;OK\u{1B}\\j\u{1B}[4;520;600tk\u{1B}[?63;1;2;4cl\u{1B}[?1;0;256Sq")
    let events = input.flatMap { decoder.decode($0) } + decoder.flush()
    #expect(keys(events) == [.character("j"), .character("k"), .character("l"), .character("q")])
  }

  @Test func wideCharactersAndControlKeysDecode() {
    var decoder = InputDecoder()
    let events = [
      RawInput.character(0xE9), .character(0x03), .character(0x0D), .keyCode(KeyCodes.left),
    ]
    .flatMap { decoder.decode($0) }
    #expect(keys(events) == [.character("é"), .interrupt, .enter, .left])
  }

  @Test func aLoneEscapeIsTheEscapeKeyAndShiftArrowsDecode() {
    var decoder = InputDecoder()
    #expect(decoder.decode(.character(0x1B)).isEmpty)
    #expect(keys(decoder.flush()) == [.escape])
    let events = characters("\u{1B}[1;2D\u{1B}[1;2C").flatMap { decoder.decode($0) }
    #expect(keys(events) == [.shiftLeft, .shiftRight])
    #expect(decoder.decode(.keyCode(KeyCodes.shiftRight)).count == 1)
  }

  @Test func mousePressMotionAndReleaseBecomeADrag() {
    var decoder = InputDecoder()
    let motionBeforePress = decoder.decode(.mouse(buttons: KeyCodes.motion, column: 1, row: 1))
    #expect(motionBeforePress.isEmpty)
    let events = [
      RawInput.mouse(buttons: KeyCodes.button1Pressed, column: 10, row: 5),
      .mouse(buttons: KeyCodes.motion, column: 12, row: 5),
      .mouse(buttons: KeyCodes.button1Released, column: 13, row: 5),
      .mouse(buttons: KeyCodes.button4Pressed, column: 13, row: 6),
    ].flatMap { decoder.decode($0) }
    let mice = events.compactMap { if case .mouse(let m) = $0 { m } else { nil } }
    #expect(mice.map(\.action) == [.press, .drag, .release, .wheelUp])
    #expect(mice[1].column == 12 && mice[3].row == 6)
  }
}
