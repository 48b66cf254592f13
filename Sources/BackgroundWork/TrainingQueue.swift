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
  /// The optimizer state that goes with the newest snapshot, once a run has ended (nil after a
  /// divergence, whose weights went back to an epoch's end but whose moments did not).
  private let endState: Mutex<TrainingState?> = Mutex(nil)
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
      status.checkpointPath = nil
      status.checkpointEpoch = nil
      status.heldOutELBO = ELBOFigures()
      status.optimizerStart =
        job.resumingFrom.map { .restored(step: $0.optimizerSteps) }
        ?? (job.warmsUpLearningRate ? .warmUp : nil)
      status.run += 1
      return true
    }
    guard accepted else { return false }
    cancelRequested.withLock { $0 = false }
    queue.async { [self] in execute(job) }
    return true
  }

  /// The optimizer state to continue the newest snapshot from, once a run has ended; nil
  /// while a run goes, before any, after a divergence and after ``forgetRuns()``.
  package func stateAfterLastRun() -> TrainingState? {
    status().isActive ? nil : endState.withLock { $0 }
  }

  /// Drops the runs' weights and optimizer state (the explorer's revert), so that
  /// ``latestSnapshot()`` is nil again; false (and nothing dropped) while a run goes. The
  /// status keeps the last run's figures.
  @discardableResult
  package func forgetRuns() -> Bool {
    guard !status().isActive else { return false }
    snapshot.withLock { $0 = nil }
    endState.withLock { $0 = nil }
    return true
  }

  /// Blocks until every queued job has finished (for tests and orderly exits).
  package func waitUntilIdle() { queue.sync {} }

  private func execute(_ job: TrainingJob) {
    // The checkpoint file as the run starts: another process's save meanwhile is not overwritten.
    let checkpoint = job.checkpointPath.map(SaveDestination.init)
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
      validationSet: job.validationSet, previousEpochs: job.previousEpochs,
      resumingFrom: job.resumingFrom, warmsUpLearningRate: job.warmsUpLearningRate)
    if let heldOut = job.validationSet {
      let elbo = trainer.evaluate(heldOut).elbo
      state.withLock { $0.heldOutELBO.record(elbo) }
      onPublish()
    }
    var steps = 0
    var publishedSteps = 0
    var epochsDone = job.previousEpochs
    var history = job.earlierEpochs
    let outcome = trainer.run(
      progress: { progress in
        steps += 1
        record(progress)
        if job.publishEverySteps > 0, steps % job.publishEverySteps == 0 {
          publish(model, epoch: epochsDone, epochs: history)
          publishedSteps = steps
        }
      },
      epochFinished: { record in
        epochsDone = record.epoch
        history.append(record)
        if let elbo = record.validationELBO { state.withLock { $0.heldOutELBO.record(elbo) } }
        publish(model, epoch: epochsDone, epochs: history)
        publishedSteps = steps
        if let checkpoint {
          saveCheckpoint(job, model, history, trainer.currentState(), to: checkpoint)
        }
      },
      shouldStop: { cancelRequested.withLock { $0 } })
    // A cancelled run's last steps, or a diverged run's restored weights, become the newest
    // snapshot, so that `w` and the next run take the weights the run ended with.
    switch outcome {
    case .completed:
      endState.withLock { $0 = trainer.currentState() }
    case .cancelled:
      if steps > publishedSteps { publish(model, epoch: epochsDone, epochs: history) }
      // Cancelled before its first step, a run leaves the state it was given (a fresh Adam
      // would make the next run skip the warm-up).
      let ended = steps > 0 ? trainer.currentState() : job.resumingFrom
      endState.withLock { $0 = ended }
    case .diverged:
      publish(model, epoch: epochsDone, epochs: history)
      endState.withLock { $0 = nil }
    }
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
    _ job: TrainingJob, _ model: VariationalAutoencoder, _ epochs: [EpochRecord],
    _ trainingState: TrainingState, to destination: SaveDestination
  ) {
    let file = job.checkpointExtras(model)
    var record =
      file.training
      ?? TrainingRecord(
        data: "explorer", images: job.dataset.count,
        validationImages: job.validationSet?.count ?? 0, settings: job.settings)
    record.epochs += epochs
    file.training = record
    file.trainingState = trainingState
    do {
      let path = try file.save(to: destination)
      state.withLock {
        $0.checkpointPath = path
        $0.checkpointEpoch = epochs.last?.epoch
      }
    } catch {
      state.withLock { $0.phase = .failed("checkpoint \(destination.path): \(error)") }
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
