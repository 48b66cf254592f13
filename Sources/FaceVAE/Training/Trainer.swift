import FaceData
import LatentBasics
import NeuralCore

/// Trains a VAE on a `FaceDataset`: shuffled minibatches, Adam, KL warm-up,
/// per-epoch validation, cancellation between steps, and a stop that keeps
/// the last good weights when the loss stops being finite.
///
/// Each epoch's order is a shuffle of the images in file order, so the run's future depends
/// only on the weights, ``currentState()`` and the epoch count: a trainer made with the
/// state taken at the end of epoch k continues exactly as the first would have.
///
/// A step allocates nothing once the first step has grown the buffers.
package final class Trainer {
  package let model: VariationalAutoencoder
  package let settings: TrainingSettings
  package let optimizer: Adam
  package let trainingSet: FaceDataset
  package let validationSet: FaceDataset?
  /// Epochs completed before this run (a resumed model's history).
  package let previousEpochs: Int
  /// Whether the learning rate rises linearly from 0 over this run's first epoch (for
  /// weights that come without their optimizer state).
  package let warmsUpLearningRate: Bool

  private var generator: SeededGenerator
  private var order: [Int]
  private var batchImages: ImageBatch
  private var noise: LatentCodes
  private let backup: [FloatBuffer]

  package init(
    model: VariationalAutoencoder, settings: TrainingSettings, trainingSet: FaceDataset,
    validationSet: FaceDataset? = nil, previousEpochs: Int = 0,
    resumingFrom state: TrainingState? = nil, warmsUpLearningRate: Bool = false
  ) {
    precondition(
      trainingSet.valuesPerImage == model.imageSize && trainingSet.width == model.config.width,
      "images do not fit the model")
    self.model = model
    self.settings = settings
    self.trainingSet = trainingSet
    self.validationSet = validationSet
    self.previousEpochs = previousEpochs
    self.warmsUpLearningRate = warmsUpLearningRate
    let optimizer = Adam(parameters: model.parameters, settings: settings.optimizer)
    if let state { optimizer.restore(state.optimizer) }
    self.optimizer = optimizer
    generator =
      state?.generator.flatMap { SeededGenerator(state: $0) }
      ?? SeededGenerator(seed: settings.seed &+ 0x7261_696E)
    order = Array(0..<trainingSet.count)
    batchImages = ImageBatch(
      channels: trainingSet.channels, height: trainingSet.height, width: trainingSet.width)
    noise = LatentCodes(dimensions: model.latentDimensions)
    backup = model.parameters.map { FloatBuffer(capacity: $0.count) }
    saveBackup()
  }

  /// Runs every epoch, or until `shouldStop` returns true (checked before each step).
  ///
  /// - Parameters:
  ///   - progress: called after every step.
  ///   - epochFinished: called after every epoch with its record.
  package func run(
    progress: (TrainingProgress) -> Void = { _ in },
    epochFinished: (EpochRecord) -> Void = { _ in },
    shouldStop: () -> Bool = { false }
  ) -> TrainingOutcome {
    model.threading = model.config.threading(threads: settings.threads)
    model.threading.claimOpenBLAS()
    let batchSize = max(1, min(settings.batchSize, trainingSet.count))
    let steps = (trainingSet.count + batchSize - 1) / batchSize
    batchImages.reserveCapacity(batchSize)
    noise.reserveCapacity(batchSize)
    let runClock = Stopwatch()
    let learningRate = settings.optimizer.learningRate
    defer { optimizer.settings.learningRate = learningRate }
    for epoch in 1...max(1, settings.epochs) {
      let epochClock = Stopwatch()
      for index in order.indices { order[index] = index }
      generator.shuffle(&order)
      var sums = (reconstruction: 0.0, kl: 0.0, images: 0)
      for step in 0..<steps {
        if shouldStop() { return .cancelled(epoch: epoch, step: step) }
        let start = step * batchSize
        let count = min(batchSize, trainingSet.count - start)
        let flips = settings.horizontalFlips
        batchImages.refill(from: trainingSet, items: order[start..<(start + count)]) { _ in
          flips && generator.next() & 1 == 1
        }
        noise.refill(count: count) { generator.normal() }
        if warmsUpLearningRate {
          optimizer.settings.learningRate =
            epoch == 1 ? learningRate * Float(step + 1) / Float(steps) : learningRate
        }
        let position = Double(previousEpochs + epoch - 1) + Double(step) / Double(steps)
        let loss = model.lossAndGradients(
          images: batchImages, noise: noise, beta: settings.klWeight(atEpoch: position))
        // A non-finite loss or gradient: the update may have spoiled the
        // weights, so go back to the end of the last good epoch.
        guard loss.isFinite, optimizer.update().isFinite else {
          restoreBackup()
          return .diverged(epoch: epoch, step: step + 1)
        }
        sums.reconstruction += loss.reconstruction * Double(count)
        sums.kl += loss.kl * Double(count)
        sums.images += count
        progress(
          TrainingProgress(
            epoch: epoch, epochs: settings.epochs, step: step + 1, stepsPerEpoch: steps,
            elbo: -(sums.reconstruction + sums.kl) / Double(sums.images),
            imagesPerSecond: Double(sums.images) / epochClock.seconds, elapsed: runClock.seconds))
      }
      let trainSeconds = epochClock.seconds
      let validation = validationSet.map { evaluate($0).elbo }
      if let validation, !validation.isFinite {
        restoreBackup()
        return .diverged(epoch: epoch, step: steps)
      }
      saveBackup()
      let images = Double(sums.images)
      epochFinished(
        EpochRecord(
          epoch: previousEpochs + epoch, trainELBO: -(sums.reconstruction + sums.kl) / images,
          validationELBO: validation, reconstruction: sums.reconstruction / images,
          kl: sums.kl / images, imagesPerSecond: images / trainSeconds,
          seconds: epochClock.seconds))
    }
    return .completed
  }

  /// A copy of the optimizer's state and the generator's, to resume from (allocates: call it
  /// between epochs, not per step). Taken in `epochFinished`, it is the state a resumed run
  /// needs to continue exactly.
  package func currentState() -> TrainingState {
    TrainingState(optimizer: optimizer.state(), generator: generator.state)
  }

  /// Mean losses over `images` (β = 1, noise from a fixed seed, so repeated
  /// evaluations of the same weights agree).
  package func evaluate(_ images: FaceDataset) -> BatchLoss {
    Trainer.evaluate(model: model, images: images, batchSize: settings.batchSize)
  }

  /// Mean losses of `model` over `images`, one single-sample ELBO estimate per image.
  package static func evaluate(
    model: VariationalAutoencoder, images: FaceDataset, batchSize: Int, seed: UInt64 = 0x5EED
  ) -> BatchLoss {
    var generator = SeededGenerator(seed: seed)
    let batchSize = max(1, batchSize)
    var batch = ImageBatch(channels: images.channels, height: images.height, width: images.width)
    var noise = LatentCodes(dimensions: model.latentDimensions)
    var total = (reconstruction: 0.0, kl: 0.0)
    var start = 0
    while start < images.count {
      let count = min(batchSize, images.count - start)
      batch.refill(from: images, items: start..<(start + count))
      noise.refill(count: count) { generator.normal() }
      let loss = model.loss(images: batch, noise: noise)
      total.reconstruction += loss.reconstruction * Double(count)
      total.kl += loss.kl * Double(count)
      start += count
    }
    let n = Double(max(images.count, 1))
    return BatchLoss(reconstruction: total.reconstruction / n, kl: total.kl / n)
  }

  private func saveBackup() {
    for (parameter, copy) in zip(model.parameters, backup) {
      copy.pointer.update(from: parameter.value, count: parameter.count)
    }
  }

  private func restoreBackup() {
    for (parameter, copy) in zip(model.parameters, backup) {
      parameter.value.update(from: copy.pointer, count: parameter.count)
      parameter.valuesChanged()
    }
  }
}
