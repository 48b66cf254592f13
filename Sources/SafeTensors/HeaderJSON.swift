/// A JSON value read from a safetensors header by `StrictJSONParser`.
///
/// Numbers keep their literal text, so a reader can tell `3` from `3.0` and
/// refuse integers too large for `Int` instead of rounding them. Objects are
/// dictionaries: the parser has already refused duplicate keys.
package enum HeaderJSON: Equatable, Sendable {
  case object([String: HeaderJSON])
  case array([HeaderJSON])
  case string(String)
  /// A number, as written (for example `"-12"`, `"1.5e3"`).
  case number(String)
  case bool(Bool)
  case null

  /// The JSON type's name, for error messages ("a string", "an array", ...).
  package var kindDescription: String {
    switch self {
    case .object: "an object"
    case .array: "an array"
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    }
  }
}
