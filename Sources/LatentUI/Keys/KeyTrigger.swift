/// What a binding listens for: one key, or every key the context does not bind otherwise.
package enum KeyTrigger: Hashable, Sendable {
  case key(Key)
  /// Any printable character not bound otherwise in the context (typing at the prompt).
  case anyCharacter
  /// Any key not bound otherwise in the context (closing the `?` overlay).
  case anyKey

  /// Whether `key` fires this trigger (wildcards only after no exact key matched).
  package func matches(_ key: Key) -> Bool {
    switch self {
    case .key(let bound): bound == key
    case .anyCharacter:
      if case .character = key { true } else { false }
    case .anyKey: true
    }
  }

  /// How the trigger is written in the overlay, the hint line and the docs.
  package var label: String {
    switch self {
    case .key(let key): key.label
    case .anyCharacter: "any character"
    case .anyKey: "any other key"
    }
  }

  /// A single glyph (`↑`, `k`, `+`), which hint labels write without separators.
  var isGlyph: Bool { label.count == 1 }
}

extension Key {
  /// The key as the help shows it: `↑`, `k`, `PgUp`, `⏎`, `Esc`, `Ctrl-C`, `space`.
  package var label: String {
    switch self {
    case .character(" "): "space"
    case .character(let c): String(c)
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .shiftLeft: "⇧←"
    case .shiftRight: "⇧→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .enter: "⏎"
    case .escape: "Esc"
    case .backspace: "Backspace"
    case .tab: "Tab"
    case .interrupt: "Ctrl-C"
    }
  }
}
