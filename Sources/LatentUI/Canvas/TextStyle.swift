/// How a canvas cell's text looks; the terminal backend maps each to colours or attributes.
package enum TextStyle: UInt8, Hashable, Sendable, CaseIterable {
  /// Plain text.
  case normal
  /// Less important text: inactive dimensions, hints.
  case dim
  /// Titles and values.
  case bold
  /// The selected row or cell.
  case selected
  /// Bars and handles.
  case accent
  /// Errors and warnings.
  case warning
  /// Good news: finished, saved.
  case good
  /// The map's colours: a label's (six, by label) or one end of a diverging scale.
  case red, green, yellow, blue, magenta, cyan
}
