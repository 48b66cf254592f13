extension TerminalReplies {
  /// The replies found in `bytes`, read from a terminal after the probe's queries.
  ///
  /// Understands 7-bit (`ESC [`, `ESC _`, `ESC \`) and 8-bit (CSI 0x9B, APC 0x9F,
  /// ST 0x9C) controls; any other bytes (typed keys, unknown replies) are skipped.
  package static func parse(_ bytes: [UInt8]) -> TerminalReplies {
    var replies = TerminalReplies()
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") {
        index = parseControlSequence(bytes, from: index + 2, into: &replies)
      } else if byte == 0x9B {
        index = parseControlSequence(bytes, from: index + 1, into: &replies)
      } else if byte == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "_") {
        index = parseApplicationCommand(bytes, from: index + 2, into: &replies)
      } else if byte == 0x9F {
        index = parseApplicationCommand(bytes, from: index + 1, into: &replies)
      } else {
        index += 1
      }
    }
    return replies
  }

  /// Reads a CSI sequence's parameters and final byte from `start`; returns the index after it.
  private static func parseControlSequence(
    _ bytes: [UInt8], from start: Int, into replies: inout TerminalReplies
  ) -> Int {
    var index = start
    var privateMarker: UInt8? = nil
    if index < bytes.count, (0x3C...0x3F).contains(bytes[index]) {
      privateMarker = bytes[index]
      index += 1
    }
    var parameters: [Int] = []
    var current: Int? = nil
    while index < bytes.count {
      let byte = bytes[index]
      if let digit = byte.asciiDigit {
        current = min((current ?? 0) * 10 + digit, 1 << 30)
      } else if byte == UInt8(ascii: ";") {
        parameters.append(current ?? 0)
        current = nil
      } else if (0x40...0x7E).contains(byte) {
        if let current { parameters.append(current) }
        record(final: byte, privateMarker: privateMarker, parameters: parameters, into: &replies)
        return index + 1
      } else if !(0x20...0x3F).contains(byte) {
        return index  // Not a well-formed sequence: resume scanning at this byte.
      }
      index += 1
    }
    return index
  }

  /// Stores what a complete CSI reply says.
  private static func record(
    final: UInt8, privateMarker: UInt8?, parameters: [Int], into replies: inout TerminalReplies
  ) {
    switch (privateMarker, final) {
    case (UInt8(ascii: "?"), UInt8(ascii: "c")):
      replies.primaryAttributes = parameters
    case (UInt8(ascii: "?"), UInt8(ascii: "S")):
      // XTSMGRAPHICS: item 1 (colour registers), status 0 (success), value.
      if parameters.count >= 3, parameters[0] == 1, parameters[1] == 0, parameters[2] > 0 {
        replies.colorRegisters = parameters[2]
      }
    case (nil, UInt8(ascii: "t")):
      if parameters.count >= 3, parameters[0] == 6, parameters[1] > 0, parameters[2] > 0 {
        replies.cellPixelSize = CellPixelSize(width: parameters[2], height: parameters[1])
      }
    default:
      break
    }
  }

  /// Reads an APC string from `start` up to ST; returns the index after it.
  private static func parseApplicationCommand(
    _ bytes: [UInt8], from start: Int, into replies: inout TerminalReplies
  ) -> Int {
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      let isTerminator = byte == 0x9C || byte == 0x07
      let isEscapeTerminator =
        byte == 0x1B && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\\")
      if isTerminator || isEscapeTerminator {
        recordKitty(Array(bytes[start..<index]), into: &replies)
        return index + (isEscapeTerminator ? 2 : 1)
      }
      index += 1
    }
    return index
  }

  /// Stores a kitty graphics reply (`Gi=31;OK`, or `Gi=31;ECODE:message`).
  private static func recordKitty(_ body: [UInt8], into replies: inout TerminalReplies) {
    guard body.first == UInt8(ascii: "G"),
      let separator = body.firstIndex(of: UInt8(ascii: ";"))
    else { return }
    let keys = String(decoding: body[1..<separator], as: UTF8.self).split(separator: ",")
    guard keys.contains("i=\(TerminalProbe.kittyQueryID)") else { return }
    let message = body[(separator + 1)...]
    replies.kittyGraphics = message.elementsEqual("OK".utf8)
  }
}

extension UInt8 {
  /// The value of an ASCII digit, or nil.
  fileprivate var asciiDigit: Int? {
    (0x30...0x39).contains(self) ? Int(self - 0x30) : nil
  }
}
