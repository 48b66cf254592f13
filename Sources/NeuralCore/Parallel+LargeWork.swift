extension Parallel {
  /// Values below which a layer's pass runs on the calling thread: 32,768 (128 KiB), where
  /// a hand-off to the workers starts to pay (a conv64 batch's activations are 4–32 times that).
  package static let minimumValuesToSplit = 1 << 15

  /// ``forEachPart(of:threading:_:)`` when the pass touches at least
  /// ``minimumValuesToSplit`` values (`values`), else `body(0..<count)` on this thread.
  ///
  /// `count` is what is split (values, channels, planes); `body` must only write memory
  /// that belongs to its part.
  package static func forEachPart(
    of count: Int, values: Int, threading: Threading, _ body: (Range<Int>) -> Void
  ) {
    if values < minimumValuesToSplit {
      if count > 0 { body(0..<count) }
    } else {
      forEachPart(of: count, threading: threading, body)
    }
  }
}
