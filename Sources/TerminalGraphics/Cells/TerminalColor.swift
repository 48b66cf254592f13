/// A colour a terminal cell can carry: 24-bit, one of the 256 indexed colours, or the
/// terminal's own default.
package enum TerminalColor: Hashable, Sendable {
  /// A direct (truecolour) colour.
  case rgb(UInt8, UInt8, UInt8)
  /// An index into the xterm 256-colour palette (this module only emits 16–255).
  case indexed256(UInt8)
  /// The terminal's default foreground or background.
  case `default`
}
