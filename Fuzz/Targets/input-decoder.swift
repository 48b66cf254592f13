import CursesTerminal
import LatentBasics
import LatentUI

/// The explorer's input decoder: ncurses characters, key codes and mouse reports to keys and
/// mouse events, dropping late terminal replies, OSC/DCS/APC strings and unknown sequences.
/// Input: a byte below 0xF8 is that character; 0xF8 and 4 bytes, any 32-bit character;
/// 0xF9 and 2 bytes, a key code; 0xFA and 3 bytes, a mouse report (buttons, column, row);
/// 0xFB, the end of waiting input (flush). Whatever came before, a key code returns the
/// decoder to its ground state: the Up key and then `a` must come out as exactly those keys.
enum FuzzTarget {
  static let buttons = [
    KeyCodes.button1Pressed, KeyCodes.button1Released, KeyCodes.button1Clicked,
    KeyCodes.button4Pressed, KeyCodes.button5Pressed, KeyCodes.motion,
  ]

  static func run(_ bytes: [UInt8]) {
    var decoder = InputDecoder()
    var index = 0
    func take(_ count: Int) -> [UInt8] {
      let taken = Array(bytes[min(index, bytes.count)..<min(index + count, bytes.count)])
      index += count
      return taken + Array(repeating: 0, count: count - taken.count)
    }
    while index < bytes.count {
      let tag = take(1)[0]
      switch tag {
      case 0xF8:
        let value = take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        _ = decoder.decode(.character(value))
      case 0xF9:
        let code = take(2)
        _ = decoder.decode(.keyCode(Int32(code[0]) | Int32(code[1]) << 8))
      case 0xFA:
        let report = take(3)
        let mask = buttons.indices.reduce(UInt(0)) {
          report[0] & 1 << $1 != 0 ? $0 | buttons[$1] : $0
        }
        let events = decoder.decode(
          .mouse(buttons: mask, column: Int(Int8(bitPattern: report[1])), row: Int(report[2])))
        guard events.count <= 4 else { fatalError("one mouse report gave \(events.count) events") }
      case 0xFB:
        _ = decoder.flush()
      default:
        _ = decoder.decode(.character(UInt32(tag)))
      }
    }
    let up = decoder.decode(.keyCode(KeyCodes.up))
    let letter = decoder.decode(.character(0x61))
    guard up.count == 1, case .key(.up) = up[0], letter.count == 1,
      case .key(.character("a")) = letter[0]
    else { fatalError("after a key code, Up and a decode as \(up) and \(letter)") }
  }

  static func writeSeeds(into folder: String) throws(LatentError) {
    let up = UInt8(truncatingIfNeeded: KeyCodes.up)
    let upHigh = UInt8(truncatingIfNeeded: KeyCodes.up >> 8)
    let seeds: [String: [UInt8]] = [
      "typing": Array("hjkl q?\r\u{7F}\t".utf8) + [0x03],
      "arrows": Array("\u{1B}[A\u{1B}[1;2D\u{1B}OB\u{1B}[5~\u{1B}[Z".utf8) + [0x1B, 0xFB],
      "late-replies": Array(
        "\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;20;10tx\u{1B}[?62;4c\u{1B}]11;x\u{07}y".utf8),
      "key-codes": [0xF9, up, upHigh, 0x1B, 0xF9, up &+ 1, upHigh, 0xF8, 0x00, 0xF6, 0x01, 0x00],
      "mouse": [0xFA, 0x01, 5, 7, 0xFA, 0x20, 6, 7, 0xFA, 0x02, 6, 7, 0xFA, 0x08, 0xFF, 0],
    ]
    for (name, bytes) in seeds {
      try writeSeed(bytes, named: name + ".input", into: folder)
    }
  }
}
