import Dispatch
import FaceVAE
import LatentBasics
import Synchronization

/// Recomputes the direction banks that depend on the decoder's weights (SeFa) for weights the
/// explorer swapped in, on a serial queue of its own so that the screen stays live. The newest
/// weights win: weights that arrive while a computation goes replace those still waiting.
package final class DirectionWorker: Sendable {
  private let queue = DispatchQueue(label: "latent.directions", qos: .utility)
  /// A model with the stored codes, whose weights each computation overwrites (used on
  /// ``queue`` only).
  private let model: UncheckedSendable<FaceModel>
  /// The banks to start from: the file's and those computed at start.
  private let banks: [String: DirectionBank]
  private let waiting: Mutex<WeightSnapshot?> = Mutex(nil)
  private let outcome: Mutex<(generation: Int, banks: [String: DirectionBank])?> = Mutex(nil)
  private let onFinish: @Sendable () -> Void

  /// A worker for `model` (copied: its weights are not touched) whose banks start as `banks`;
  /// `onFinish` runs on the worker's queue after each computation.
  package init(
    model: FaceModel, banks: [String: DirectionBank], onFinish: @escaping @Sendable () -> Void
  ) throws(LatentError) {
    let copy = FaceModel(
      vae: try model.vae.copy(), klPerDimension: model.klPerDimension, codes: model.codes)
    self.model = UncheckedSendable(copy)
    self.banks = banks
    self.onFinish = onFinish
  }

  /// Recomputes SeFa for `snapshot`'s weights in the background.
  package func submit(_ snapshot: WeightSnapshot) {
    let wasIdle = waiting.withLock { pending -> Bool in
      defer { pending = snapshot }
      return pending == nil
    }
    guard wasIdle else { return }
    queue.async { [self] in
      guard
        let next = waiting.withLock({ pending in
          defer { pending = nil }; return pending
        })
      else { return }
      let model = self.model.value
      guard model.vae.loadWeights(next.values) else { return }
      var updated = banks
      let method = FaceModel.DirectionMethod.sefa
      let count = banks[method.rawValue]?.count ?? model.vae.latentDimensions
      if let sefa = try? model.computeDirections(method, count: count) {
        updated[method.rawValue] = sefa
      }
      outcome.withLock { $0 = (next.generation, updated) }
      onFinish()
    }
  }

  /// The banks of the newest finished computation and their weights' generation, once.
  package func takeResult() -> (generation: Int, banks: [String: DirectionBank])? {
    outcome.withLock { result in
      defer { result = nil }
      return result
    }
  }
}
