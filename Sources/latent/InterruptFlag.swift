import Dispatch
import Synchronization
import Glibc

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a flag that long work polls
/// between steps, so it can stop cleanly and save.
///
/// A second one before the save starts says that the save is coming and a third quits at
/// once; once ``beginSaving()`` is called, further ones only say to wait, so that the save
/// promised by the first is never lost. After saving, the command exits with
/// ``exitStatus`` (130 for SIGINT, 143 for SIGTERM).
///
/// One flag for the process (``shared``), as signal dispositions are the process's: it lives
/// until the process exits, so a signal that arrives after the command's work ended (another
/// Ctrl-C while the process exits) still finds it.
///
/// `@unchecked Sendable`: `sources` is written only during `init`; the rest is atomic.
final class InterruptFlag: @unchecked Sendable {
  /// The process's flag; it starts listening when first used.
  static let shared = InterruptFlag()

  private let signals = Atomic<Int>(0)
  private let firstSignal = Atomic<Int32>(0)
  private let saving = Atomic<Bool>(false)
  private var sources: [DispatchSourceSignal] = []

  /// Whether an interrupt has arrived.
  var isRaised: Bool { signals.load(ordering: .relaxed) > 0 }

  /// The shell's status for the first signal (128 + its number), `nil` when none came.
  var exitStatus: Int32? {
    let number = firstSignal.load(ordering: .relaxed)
    return number == 0 ? nil : 128 + number
  }

  /// Starts listening for SIGINT and SIGTERM.
  private init() {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(
        signal: number, queue: .global(qos: .userInitiated))
      // Signals that arrive close together come as one event: `data` counts them. The
      // handler keeps the flag (a process-long object) alive: an `unowned` reference here
      // crashed on a Ctrl-C that came after the command had released the flag.
      source.setEventHandler { [self, source] in
        for _ in 0..<max(1, source.data) { self.interrupted(by: number) }
      }
      source.resume()
      sources.append(source)
    }
  }

  /// From now on interrupts wait for the save instead of quitting.
  func beginSaving() {
    saving.store(true, ordering: .relaxed)
  }

  private func interrupted(by number: Int32) {
    _ = firstSignal.compareExchange(expected: 0, desired: number, ordering: .relaxed)
    let count = signals.wrappingAdd(1, ordering: .relaxed).newValue
    if saving.load(ordering: .relaxed) {
      StandardStream.error("\nlatent: saving the model, please wait\n")
    } else if count == 1 {
      StandardStream.error(
        "\nlatent: stopping after the current step (Ctrl-C twice more quits without saving)\n")
    } else if count == 2 {
      StandardStream.error("\nlatent: stopping and saving; Ctrl-C once more quits without saving\n")
    } else {
      Glibc.exit(exitStatus ?? 130)
    }
  }
}
