import Glibc

/// Runs the two halves of a large image's encoding at once: the second half on a thread
/// of its own (a plain POSIX thread, which starts in tens of microseconds where a first
/// Dispatch call costs about 0.1 ms), the first on the calling thread.
enum ConcurrentParts {
  /// Pixels from which splitting the work pays for starting a thread.
  static let minimumPixels = 128 * 128

  /// `body(0) … body(count − 1)`, in order; with `count == 2`, the two at once.
  static func map<Result>(_ count: Int, _ body: (Int) -> Result) -> [Result] {
    guard count == 2 else { return (0..<count).map(body) }
    return withoutActuallyEscaping(body) { body in
      let second = SecondPart<Result>()
      guard let thread = PartThread.start({ second.result = body(1) }) else {
        return [body(0), body(1)]
      }
      let first = body(0)
      thread.join()
      guard let result = second.result else { preconditionFailure("the second part ran") }
      return [first, result]
    }
  }

  /// The half-open ranges that split `0..<total` into `count` nearly equal parts.
  static func ranges(_ total: Int, parts count: Int) -> [Range<Int>] {
    (0..<count).map { part in (total * part / count)..<(total * (part + 1) / count) }
  }
}

/// The second half's result, written by its thread before the join.
private final class SecondPart<Result>: @unchecked Sendable {
  var result: Result?
}

/// A POSIX thread running one closure, joined by its starter.
private struct PartThread {
  private let thread: pthread_t

  /// The closure a thread runs, handed to it through `pthread_create`'s context pointer.
  private final class Work: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
  }

  /// Starts `work` on a new thread, or returns nil when no thread can be made.
  static func start(_ work: @escaping () -> Void) -> PartThread? {
    let context = Unmanaged.passRetained(Work(work)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(&thread, nil, { context in
      if let context { Unmanaged<Work>.fromOpaque(context).takeRetainedValue().run() }
      return nil
    }, context)
    guard status == 0 else {
      Unmanaged<Work>.fromOpaque(context).release()
      return nil
    }
    return PartThread(thread: thread)
  }

  /// Waits for the thread to finish.
  func join() { pthread_join(thread, nil) }
}
