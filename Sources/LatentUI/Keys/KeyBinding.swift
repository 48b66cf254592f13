/// One row of the key table: related keys (↑ and ↓), what each does, where, and how the
/// help describes them. ``table`` holds every binding of the explorer: ``AppState/update(_:)``
/// dispatches through it, and the `?` overlay, the hint line and the docs' key tables are
/// rendered from it.
package struct KeyBinding: Hashable, Sendable {
  /// Keys that trigger one action.
  package struct Command: Hashable, Sendable {
    package var triggers: [KeyTrigger]
    package var action: KeyAction

    /// `action` on any of `keys`.
    package init(_ keys: [Key], _ action: KeyAction) {
      triggers = keys.map { .key($0) }
      self.action = action
    }

    /// `action` on any of `triggers` (wildcards included).
    package init(_ triggers: [KeyTrigger], _ action: KeyAction) {
      self.triggers = triggers
      self.action = action
    }
  }

  /// The actions of the row, each with its keys (e.g. ↑ k: previous, ↓ j: next).
  package var commands: [Command]
  /// Where the keys work.
  package var contexts: [KeyContext]
  /// What the row does, for the overlay and the docs.
  package var help: String
  /// The word on the hint line at the bottom of the screen (nil: not on the hint line).
  package var hint: String?

  /// A row of the table: `commands` in `contexts`, described by `help` (and `hint`).
  package init(
    _ contexts: [KeyContext], _ help: String, hint: String? = nil, _ commands: [Command]
  ) {
    self.contexts = contexts
    self.help = help
    self.hint = hint
    self.commands = commands
  }

  /// The action `key` triggers in `context`, if any: a key bound exactly wins over a wildcard.
  package static func action(for key: Key, in context: KeyContext) -> KeyAction? {
    let commands = table.filter { $0.contexts.contains(context) }.flatMap(\.commands)
    if let exact = commands.first(where: { $0.triggers.contains(.key(key)) }) {
      return exact.action
    }
    return commands.first { $0.triggers.contains { $0.matches(key) } }?.action
  }
}
