/// A value handed to other threads that the caller has made safe by hand: each thread
/// touches memory of its own (its part of a buffer), or the threads take turns.
///
/// The one way in the program to send what the compiler cannot prove sendable (pointers
/// into a buffer that parts fill, a closure run by a worker thread).
package struct UncheckedSendable<Value>: @unchecked Sendable {
  /// The value.
  package let value: Value
  /// Wraps `value`.
  package init(_ value: Value) { self.value = value }
}
