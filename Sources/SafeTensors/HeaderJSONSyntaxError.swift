/// Why `StrictJSONParser` refused a header, and where.
package struct HeaderJSONSyntaxError: Error, Equatable, Sendable {
  /// What is wrong, such as `duplicate key 'a'` or `unterminated string`.
  package var message: String
  /// The byte offset in the header where the problem was found.
  package var offset: Int

  /// An error saying `message` at byte `offset` of the header.
  package init(_ message: String, at offset: Int) {
    self.message = message
    self.offset = offset
  }

  /// `message at byte N of the header`.
  package var description: String { "\(message) at byte \(offset) of the header" }
}
