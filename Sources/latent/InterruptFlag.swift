import Dispatch
import Synchronization
import Glibc

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a flag that long work polls
/// between steps, so it can stop cleanly and save; a second one exits at once.
///
/// `@unchecked Sendable`: `sources` is written only during `init`; the flag is atomic.
final class InterruptFlag: @unchecked Sendable {
  private let raised = Atomic<Bool>(false)
  private var sources: [DispatchSourceSignal] = []

  /// Whether an interrupt has arrived.
  var isRaised: Bool { raised.load(ordering: .relaxed) }

  /// Starts listening for SIGINT and SIGTERM.
  init() {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
      source.setEventHandler { [unowned self] in self.interrupted() }
      source.resume()
      sources.append(source)
    }
  }

  private func interrupted() {
    if raised.exchange(true, ordering: .relaxed) {
      // Second interrupt: the user means it.
      Glibc.exit(130)
    }
    StandardStream.error("\nlatent: stopping after the current step (Ctrl-C again quits at once)\n")
  }
}
