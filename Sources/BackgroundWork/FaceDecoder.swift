import LatentUI
import Dispatch
import FaceData
import FaceVAE
import LatentBasics
import Synchronization

/// Decodes faces off the input path, on its own serial queue and its own model copy.
///
/// Each screen slot keeps only its newest request: holding an arrow key replaces the
/// waiting request instead of queueing stale frames. New weights from training are
/// loaded before the next request.
package final class FaceDecoder: Sendable {
  private let queue = DispatchQueue(label: "latent.decode", qos: .userInteractive)
  private let engine: Mutex<DecodeEngine>
  private let pending = Mutex<[DecodeSlot: DecodeRequest]>([:])
  private let pendingWeights = Mutex<WeightSnapshot?>(nil)
  private let finished = Mutex<[DecodeResult]>([])
  private let onResult: @Sendable () -> Void

  /// A decoder with its own model of `config` and `weights`; `onResult` runs on the
  /// decode queue after each result, e.g. to wake the screen loop.
  /// - Throws: a ``LatentError`` when the config does not build or the weights do not fit.
  package init(
    config: VAEConfig, weights: [[Float]], dataset: FaceDataset?,
    onResult: @escaping @Sendable () -> Void = {}
  ) throws(LatentError) {
    let vae = try VariationalAutoencoder(config: config, seed: 0)
    guard vae.loadWeights(weights) else {
      throw LatentError(.model, "the weights do not fit the model")
    }
    engine = Mutex(DecodeEngine(vae: vae, dataset: dataset))
    self.onResult = onResult
  }

  /// Queues `request`, replacing any request of its slot not yet started.
  package func submit(_ request: DecodeRequest) {
    pending.withLock { $0[request.slot] = request }
    queue.async { [self] in drain() }
  }

  /// Loads `snapshot` before the next request.
  package func load(_ snapshot: WeightSnapshot) {
    pendingWeights.withLock { $0 = snapshot }
  }

  /// Results finished since the last call, oldest first.
  package func takeResults() -> [DecodeResult] {
    finished.withLock { results in
      defer { results = [] }
      return results
    }
  }

  /// Blocks until the queue is idle (tests and benchmarks).
  package func waitUntilIdle() { queue.sync {} }

  private func drain() {
    let weights = pendingWeights.withLock { value -> WeightSnapshot? in
      defer { value = nil }
      return value
    }
    // The face first: it is what a held key or a drag is waiting for.
    let next = pending.withLock { requests -> DecodeRequest? in
      let order: [DecodeSlot] = [
        .face, .encode, .strip, .grid, .browse, .heldOut, .preview, .animation,
      ]
      guard let slot = order.first(where: { requests[$0] != nil }) else { return nil }
      return requests.removeValue(forKey: slot)
    }
    let result = engine.withLock { engine -> DecodeResult? in
      if let weights { engine.vae.loadWeights(weights.values) }
      return next.map { engine.run($0) }
    }
    guard let result else { return }
    finished.withLock { $0.append(result) }
    onResult()
  }
}
