import LatentUI

/// Turns ncurses input into explorer events, and drops what is not a key: terminal replies
/// that arrive late (kitty's `ESC _Gi=31;OK ESC \`, `CSI … t`, `CSI ? … c`), OSC and DCS
/// strings, and escape sequences ncurses did not know.
package struct InputDecoder: Sendable {
  private enum Phase: Sendable {
    case ground
    /// After ESC.
    case escape
    /// Inside `CSI`, collecting parameter and intermediate bytes.
    case controlSequence([UInt32])
    /// Inside a string (OSC, DCS, APC, PM, SOS) until ST or BEL; `sawEscape` after an ESC.
    case string(sawEscape: Bool)
  }

  private var phase = Phase.ground
  /// The left button is down (motion reports are drags only then).
  private var buttonDown = false

  package init() {}

  /// The events for one input item.
  package mutating func decode(_ input: RawInput) -> [AppEvent] {
    switch input {
    case .keyCode(let code):
      phase = .ground
      return key(forCode: code).map { [.key($0)] } ?? []
    case .mouse(let buttons, let column, let row):
      phase = .ground
      return mouse(buttons: buttons, column: column, row: row)
    case .character(let scalar):
      return character(scalar)
    }
  }

  /// Called when no more input is waiting: a lone ESC was the Escape key.
  package mutating func flush() -> [AppEvent] {
    if case .escape = phase {
      phase = .ground
      return [.key(.escape)]
    }
    return []
  }

  private mutating func character(_ scalar: UInt32) -> [AppEvent] {
    switch phase {
    case .ground:
      if scalar == 0x1B {
        phase = .escape
        return []
      }
      return plainKey(scalar).map { [.key($0)] } ?? []
    case .escape:
      switch scalar {
      case 0x5B:  // [
        phase = .controlSequence([])
      case 0x5D, 0x50, 0x5F, 0x5E, 0x58:  // ] P _ ^ X: string sequences
        phase = .string(sawEscape: false)
      case 0x1B:
        phase = .escape
        return [.key(.escape)]
      case 0x4F:  // O: SS3 (application cursor keys ncurses did not map)
        phase = .controlSequence([0x4F])
      default:
        // Alt+key: not used; drop it.
        phase = .ground
      }
      return []
    case .controlSequence(var bytes):
      if (0x40...0x7E).contains(scalar) {
        phase = .ground
        return controlSequenceKey(parameters: bytes, final: scalar).map { [.key($0)] } ?? []
      }
      bytes.append(scalar)
      // A runaway sequence (no final byte in sight): give up on it.
      phase = bytes.count > 64 ? .ground : .controlSequence(bytes)
      return []
    case .string(let sawEscape):
      if scalar == 0x07 || (sawEscape && scalar == 0x5C) {
        phase = .ground
      } else {
        phase = .string(sawEscape: scalar == 0x1B)
      }
      return []
    }
  }

  /// Sequences ncurses left undecoded that still mean a key (shift arrows under some TERMs).
  private func controlSequenceKey(parameters: [UInt32], final: UInt32) -> Key? {
    let text = String(String.UnicodeScalarView(parameters.compactMap(Unicode.Scalar.init)))
    switch (text, final) {
    case ("1;2", 0x44): return .shiftLeft
    case ("1;2", 0x43): return .shiftRight
    case ("", 0x41), ("O", 0x41): return .up
    case ("", 0x42), ("O", 0x42): return .down
    case ("", 0x43), ("O", 0x43): return .right
    case ("", 0x44), ("O", 0x44): return .left
    case ("5", 0x7E): return .pageUp
    case ("6", 0x7E): return .pageDown
    case ("", 0x5A): return .tab
    default: return nil  // replies (…t, ?…c, ?…S) and keys the explorer does not use
    }
  }

  private func plainKey(_ scalar: UInt32) -> Key? {
    switch scalar {
    case 0x03: return .interrupt
    case 0x09: return .tab
    case 0x0A, 0x0D: return .enter
    case 0x08, 0x7F: return .backspace
    case 0x00..<0x20: return nil
    default:
      guard let unicode = Unicode.Scalar(scalar) else { return nil }
      return .character(Character(unicode))
    }
  }

  private func key(forCode code: Int32) -> Key? {
    switch code {
    case KeyCodes.up: .up
    case KeyCodes.down: .down
    case KeyCodes.left: .left
    case KeyCodes.right: .right
    case KeyCodes.shiftLeft: .shiftLeft
    case KeyCodes.shiftRight: .shiftRight
    case KeyCodes.pageUp: .pageUp
    case KeyCodes.pageDown: .pageDown
    case KeyCodes.home: .home
    case KeyCodes.end: .end
    case KeyCodes.enter: .enter
    case KeyCodes.backspace: .backspace
    default: nil
    }
  }

  private mutating func mouse(buttons: UInt, column: Int, row: Int) -> [AppEvent] {
    var events: [AppEvent] = []
    if buttons & KeyCodes.button4Pressed != 0 {
      events.append(.mouse(MouseEvent(.wheelUp, column: column, row: row)))
    }
    if buttons & KeyCodes.button5Pressed != 0 {
      events.append(.mouse(MouseEvent(.wheelDown, column: column, row: row)))
    }
    if buttons & (KeyCodes.button1Pressed | KeyCodes.button1Clicked) != 0 {
      buttonDown = true
      events.append(.mouse(MouseEvent(.press, column: column, row: row)))
    } else if buttons & KeyCodes.motion != 0, buttonDown {
      events.append(.mouse(MouseEvent(.drag, column: column, row: row)))
    }
    if buttons & (KeyCodes.button1Released | KeyCodes.button1Clicked) != 0 {
      buttonDown = false
      events.append(.mouse(MouseEvent(.release, column: column, row: row)))
    }
    return events
  }
}
