extension Array where Element == Float {
  /// Calls `body` with the start of these values, for NeuralCore's layers and kernels, which
  /// take their inputs as pointers and only read them. The array must not be empty; the
  /// pointer is valid during the call only.
  package func withKernelInput<Result>(_ body: (UnsafeMutablePointer<Float>) -> Result) -> Result {
    precondition(!isEmpty, "no values to hand to a kernel")
    // A non-empty array always has a start.
    return withUnsafeBufferPointer { body(UnsafeMutablePointer(mutating: $0.baseAddress!)) }
  }
}
