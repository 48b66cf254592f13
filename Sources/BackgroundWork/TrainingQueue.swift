import Dispatch
import FaceVAE
import Synchronization
import FaceData
import LatentBasics

/// Runs training jobs one at a time on a serial Dispatch queue (QoS utility), away from
/// the screen's thread, and publishes their weights as generation-numbered snapshots.
///
/// Each job builds its own model and optimizer inside the queue; nothing mutable is
/// shared. Readers call ``latestSnapshot()`` and ``status()`` whenever they like (both
/// take a lock for a copy) and ``cancel()`` stops the run before its next step.
package final class TrainingQueue: Sendable {
  private let queue = DispatchQueue(label: "latent.training", qos: .utility)
  private let snapshot: Mutex<WeightSnapshot?> = Mutex(nil)
  private let state = Mutex(TrainingStatus())
  private let cancelRequested = Mutex(false)
  private let generation = Mutex(0)
  /// Called (on the training queue) after each publication, e.g. to wake a screen loop.
  private let onPublish: @Sendable () -> Void

  /// A queue; `onPublish` runs on the training thread after every snapshot or status change
  /// that a screen should pick up promptly.
  package init(onPublish: @escaping @Sendable () -> Void = {}) {
    self.onPublish = onPublish
  }

  /// The newest snapshot, or nil before the first publication.
  package func latestSnapshot() -> WeightSnapshot? { snapshot.withLock { $0 } }

  /// A copy of the run's status.
  package func status() -> TrainingStatus { state.withLock { $0 } }

  /// Asks the running job to stop before its next step.
  package func cancel() {
    cancelRequested.withLock { $0 = true }
    state.withLock { if $0.phase == .running { $0.phase = .cancelling } }
  }

  /// Starts `job` after any job already queued; false (and nothing queued) while one runs.
  @discardableResult
  package func start(_ job: TrainingJob) -> Bool {
    let accepted = state.withLock { status -> Bool in
      guard !status.isActive else { return false }
      status.phase = .running
      status.progress = nil
      status.elboHistory = []
      status.run += 1
      return true
    }
    guard accepted else { return false }
    cancelRequested.withLock { $0 = false }
    queue.async { [self] in execute(job) }
    return true
  }

  /// Blocks until every queued job has finished (for tests and orderly exits).
  package func waitUntilIdle() { queue.sync {} }

  private func execute(_ job: TrainingJob) {
    let model: VariationalAutoencoder
    do {
      model = try VariationalAutoencoder(config: job.config, seed: job.settings.seed)
    } catch {
      finish(.failed("cannot build the model: \(error.description)"))
      return
    }
    guard model.loadWeights(job.weights) else {
      finish(.failed("the starting weights do not fit the model"))
      return
    }
    let trainer = Trainer(
      model: model, settings: job.settings, trainingSet: job.dataset,
      previousEpochs: job.previousEpochs)
    var steps = 0
    var epochsDone = job.previousEpochs
    var history = job.earlierEpochs
    let outcome = trainer.run(
      progress: { progress in
        steps += 1
        record(progress)
        if job.publishEverySteps > 0, steps % job.publishEverySteps == 0 {
          publish(model, epoch: epochsDone, epochs: history)
        }
      },
      epochFinished: { record in
        epochsDone = record.epoch
        history.append(record)
        publish(model, epoch: epochsDone, epochs: history)
        if let path = job.checkpointPath { saveCheckpoint(job, model, history, to: path) }
      },
      shouldStop: { cancelRequested.withLock { $0 } })
    finish(.finished(outcome))
  }

  private func record(_ progress: TrainingProgress) {
    state.withLock { status in
      status.progress = progress
      status.elboHistory.append(progress.elbo)
      if status.elboHistory.count > TrainingStatus.historyLimit {
        // Keep every other value: the curve keeps its shape at half the resolution.
        status.elboHistory = status.elboHistory.enumerated().filter { $0.offset % 2 == 1 }.map(
          \.element)
      }
    }
  }

  private func publish(_ model: VariationalAutoencoder, epoch: Int, epochs: [EpochRecord]) {
    let values = model.weightValues()
    let number = generation.withLock { value -> Int in
      value += 1
      return value
    }
    snapshot.withLock {
      $0 = WeightSnapshot(generation: number, values: values, epoch: epoch, epochs: epochs)
    }
    onPublish()
  }

  private func saveCheckpoint(
    _ job: TrainingJob, _ model: VariationalAutoencoder, _ epochs: [EpochRecord], to path: String
  ) {
    let file = job.checkpointExtras(model)
    var record =
      file.training
      ?? TrainingRecord(
        data: "explorer", images: job.dataset.count, validationImages: 0, settings: job.settings)
    record.epochs += epochs
    file.training = record
    do {
      try file.save(to: path)
      state.withLock { $0.checkpointPath = path }
    } catch {
      state.withLock { $0.phase = .failed("checkpoint \(path): \(error)") }
    }
  }

  private func finish(_ phase: TrainingStatus.Phase) {
    state.withLock { status in
      if case .failed = status.phase { return }
      status.phase = phase
    }
    onPublish()
  }
}
