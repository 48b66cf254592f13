import Dispatch

/// Wall-clock timing for benchmarks and progress reports.
package struct Stopwatch: Sendable {
  private var start: UInt64

  package init() { start = DispatchTime.now().uptimeNanoseconds }

  /// Seconds since the stopwatch started or was last reset.
  package var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

  package mutating func reset() { start = DispatchTime.now().uptimeNanoseconds }

  /// Runs `body` and returns its duration in seconds.
  package static func time(_ body: () -> Void) -> Double {
    let watch = Stopwatch()
    body()
    return watch.seconds
  }
}
