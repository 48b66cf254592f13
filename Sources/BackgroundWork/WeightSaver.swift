import Dispatch
import FaceVAE
import LatentBasics
import Synchronization

/// Runs the explorer's saves of trained weights (`w`, ``WeightKeeper/keep(_:overwrite:)``) on a
/// serial queue of its own, so that the screen stays live while KL and the stored codes are
/// recomputed on `--data` and the file is written. One save at a time.
package final class WeightSaver: Sendable {
  private let queue: DispatchQueue
  private let saving = Mutex(false)
  private let outcome: Mutex<Result<String, LatentError>?> = Mutex(nil)
  /// Called on the saver's queue when a save has finished, e.g. to wake a screen loop.
  private let onFinish: @Sendable () -> Void

  /// A saver working on `queue` (serial; tests suspend it to hold a save); `onFinish` runs on
  /// it after each save.
  package init(
    queue: DispatchQueue = DispatchQueue(label: "latent.weight-saver", qos: .userInitiated),
    onFinish: @escaping @Sendable () -> Void = {}
  ) {
    self.queue = queue
    self.onFinish = onFinish
  }

  /// Whether a save is under way.
  package var isSaving: Bool { saving.withLock { $0 } }

  /// Starts saving `snapshot` with `keeper` (over the model file when `overwrite`); false, and
  /// nothing started, while another save goes. The keeper's model is only read.
  @discardableResult
  package func start(_ keeper: WeightKeeper, snapshot: WeightSnapshot, overwrite: Bool) -> Bool {
    let accepted = saving.withLock { busy -> Bool in
      guard !busy else { return false }
      busy = true
      return true
    }
    guard accepted else { return false }
    let work = UncheckedSendable(keeper)
    queue.async { [self] in
      let result = work.value.keep(snapshot, overwrite: overwrite)
      outcome.withLock { $0 = result }
      saving.withLock { $0 = false }
      onFinish()
    }
    return true
  }

  /// The path written (or the reason it was not) by the save that finished last, once: nil
  /// while it goes and after it was taken.
  package func takeResult() -> Result<String, LatentError>? {
    outcome.withLock { result in
      defer { result = nil }
      return result
    }
  }

  /// Blocks until the save under way (if any) has finished.
  package func waitUntilIdle() { queue.sync {} }
}
