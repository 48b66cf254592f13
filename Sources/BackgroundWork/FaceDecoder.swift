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
/// loaded before the next request. A reconstruction of many faces (the held-out strip after
/// each publish of a training run, Browse's page) runs in pieces of
/// ``reconstructionPiece``, so that a face request waits for one piece at most.
package final class FaceDecoder: Sendable {
  /// Faces a reconstruction computes before the decoder looks for a face request again.
  package static let reconstructionPiece = 4

  private let queue = DispatchQueue(label: "latent.decode", qos: .userInteractive)
  private let engine: Mutex<DecodeEngine>
  private let pending = Mutex<[DecodeSlot: DecodeRequest]>([:])
  private let pendingWeights = Mutex<WeightSnapshot?>(nil)
  private let finished = Mutex<[DecodeResult]>([])
  /// The pieces done so far of reconstructions still under way, by slot.
  private let carried = Mutex<[DecodeSlot: DecodeResult]>([:])
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

  /// Blocks until the queue is idle (tests and benchmarks), the later pieces of
  /// reconstructions included.
  package func waitUntilIdle() {
    repeat { queue.sync {} } while !carried.withLock { $0.isEmpty }
  }

  private func drain() {
    let weights = pendingWeights.withLock { value -> WeightSnapshot? in
      defer { value = nil }
      return value
    }
    // The face first: it is what a held key or a drag is waiting for.
    var next = pending.withLock { requests -> DecodeRequest? in
      let order: [DecodeSlot] = [
        .face, .encode, .strip, .grid, .browse, .heldOut, .preview, .animation,
      ]
      guard let slot = order.first(where: { requests[$0] != nil }) else { return nil }
      return requests.removeValue(forKey: slot)
    }
    // A long reconstruction: its first piece now, the rest after any face waiting by then.
    var rest: DecodeRequest?
    if let request = next, case .reconstruct(let items) = request.work,
      items.count > Self.reconstructionPiece
    {
      next?.work = .reconstruct(Array(items.prefix(Self.reconstructionPiece)))
      rest = DecodeRequest(
        slot: request.slot, serial: request.serial,
        work: .reconstruct(Array(items.dropFirst(Self.reconstructionPiece))))
    }
    let result = engine.withLock { engine -> DecodeResult? in
      if let weights { engine.vae.loadWeights(weights.values) }
      return next.map { engine.run($0) }
    }
    guard let result else { return }
    let whole = carried.withLock { carried -> DecodeResult in
      guard let earlier = carried.removeValue(forKey: result.slot), earlier.serial == result.serial
      else { return result }
      return earlier.appending(result)
    }
    if let rest {
      // The rest goes back to its slot, unless a newer request has taken the slot.
      let requeued = pending.withLock { requests -> Bool in
        guard requests[rest.slot] == nil else { return false }
        requests[rest.slot] = rest
        return true
      }
      if requeued {
        carried.withLock { $0[rest.slot] = whole }
        queue.async { [self] in drain() }
      }
      return
    }
    finished.withLock { $0.append(whole) }
    onResult()
  }
}
