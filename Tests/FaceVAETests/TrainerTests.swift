import FaceData
import FaceVAE
import LatentBasics
import NeuralCore
import Testing

/// Images the tests make themselves: a bright bar at a random row and column
/// on a dark 12×12 background, plus faint noise — structure a VAE can learn.
func barImages(count: Int, seed: UInt64, side: Int = 12) -> FaceDataset {
  var generator = SeededGenerator(seed: seed)
  var values = [Float](repeating: 0, count: count * side * side)
  var labels: [Int] = []
  for n in 0..<count {
    let vertical = generator.next() & 1 == 1
    let position = Int(generator.next() % UInt64(side - 2)) + 1
    for y in 0..<side {
      for x in 0..<side {
        let onBar = vertical ? abs(x - position) <= 1 : abs(y - position) <= 1
        values[(n * side + y) * side + x] = (onBar ? 0.9 : 0.1) + 0.05 * generator.nextUnit()
      }
    }
    labels.append(vertical ? 1 : 0)
  }
  return FaceDataset(
    images: values, channels: 1, height: side, width: side, labels: labels,
    indices: Array(repeating: nil, count: count), paths: (0..<count).map { "bars/\($0)" })
}

@Suite("Training")
struct TrainerTests {
  let config = try! VAEConfig.mlp(width: 12, height: 12, hidden: 64, latent: 4)

  func settings(epochs: Int) -> TrainingSettings {
    var s = TrainingSettings()
    s.epochs = epochs
    s.batchSize = 32
    s.seed = 11
    s.optimizer.learningRate = 3e-3
    return s
  }

  @Test func validationELBOImprovesByAClearMargin() throws {
    let model = try VariationalAutoencoder(config: config, seed: 1)
    let validation = barImages(count: 128, seed: 2)
    let before = Trainer.evaluate(model: model, images: validation, batchSize: 64).elbo
    let trainer = Trainer(
      model: model, settings: settings(epochs: 15), trainingSet: barImages(count: 512, seed: 1),
      validationSet: validation)
    var records: [EpochRecord] = []
    let outcome = trainer.run(epochFinished: { records.append($0) })
    #expect(outcome == .completed)
    #expect(records.count == 15)
    #expect(records.map(\.epoch) == Array(1...15))
    let after = try #require(records.last?.validationELBO)
    // 144 pixels: from about −100 nats (random decoder) to well above −60.
    #expect(after > before + 25, "validation ELBO \(before) → \(after)")
    #expect(records.last!.trainELBO > records.first!.trainELBO)
    #expect(records.allSatisfy { $0.kl >= 0 && $0.reconstruction > 0 && $0.imagesPerSecond > 0 })
  }

  @Test func sameSeedSameWeights() throws {
    func train() throws -> [Float] {
      let model = try VariationalAutoencoder(config: config, seed: 5)
      var s = settings(epochs: 2)
      s.horizontalFlips = true
      _ = Trainer(model: model, settings: s, trainingSet: barImages(count: 100, seed: 3)).run()
      return model.parameters.flatMap(\.values)
    }
    #expect(try train() == train())
  }

  @Test func cancellationStopsBetweenSteps() throws {
    let model = try VariationalAutoencoder(config: config, seed: 1)
    let trainer = Trainer(
      model: model, settings: settings(epochs: 5), trainingSet: barImages(count: 200, seed: 1))
    var steps = 0
    let outcome = trainer.run(progress: { _ in steps += 1 }, shouldStop: { steps >= 3 })
    #expect(outcome == .cancelled(epoch: 1, step: 3))
    #expect(trainer.optimizer.step == 3)
  }

  @Test func nonFiniteLossKeepsTheLastGoodWeights() throws {
    let model = try VariationalAutoencoder(config: config, seed: 1)
    var images = barImages(count: 64, seed: 1)
    images.images[5 * 144 + 7] = .nan
    let initial = model.parameters.flatMap(\.values)
    let trainer = Trainer(model: model, settings: settings(epochs: 3), trainingSet: images)
    let outcome = trainer.run()
    guard case .diverged(epoch: 1, _) = outcome else {
      Issue.record("expected divergence in epoch 1, got \(outcome)")
      return
    }
    #expect(model.parameters.flatMap(\.values) == initial)
    #expect(model.parameters.allSatisfy { $0.values.allSatisfy(\.isFinite) })
  }

  @Test func stepsAfterTheFirstGrowNoBuffers() throws {
    let model = try VariationalAutoencoder(
      config: VAEConfig.conv(size: 16, channels: 1, latent: 4), seed: 1)
    let images = barImages(count: 40, seed: 1, side: 16)
    let trainer = Trainer(model: model, settings: settings(epochs: 3), trainingSet: images)
    var afterFirstStep: Int?
    var atEnd = 0
    _ = trainer.run(progress: { p in
      if p.epoch == 1 && p.step == 1 { afterFirstStep = model.scratchCapacity }
      atEnd = model.scratchCapacity
    })
    #expect(afterFirstStep == atEnd)
    #expect(atEnd > 0)
  }

  @Test func warmUpRaisesTheKLWeightLinearly() {
    var s = TrainingSettings()
    s.beta = 2
    s.warmupEpochs = 4
    #expect(s.klWeight(atEpoch: 0) == 0)
    #expect(s.klWeight(atEpoch: 1) == 0.5)
    #expect(s.klWeight(atEpoch: 10) == 2)
  }
}
