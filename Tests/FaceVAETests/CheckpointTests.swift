import FaceData
import FaceVAE
import LatentBasics
import NeuralCore
import SafeTensors
import TestSupport
import Testing

@Suite("Checkpoints and exact resume")
struct CheckpointTests {
  let config = try! VAEConfig.mlp(width: 12, height: 12, hidden: 32, latent: 4)
  let images = barImages(count: 100, seed: 3)

  /// Flips and a KL warm-up, so that the generator and the epoch count both matter.
  func settings(epochs: Int) -> TrainingSettings {
    var s = TrainingSettings()
    s.epochs = epochs
    s.batchSize = 32
    s.seed = 11
    s.horizontalFlips = true
    s.warmupEpochs = 3
    s.optimizer.learningRate = 3e-3
    s.threads = 1
    return s
  }

  /// A model trained for `epochs` epochs from seed 5.
  func trainer(epochs: Int) throws -> Trainer {
    let trainer = Trainer(
      model: try VariationalAutoencoder(config: config, seed: 5),
      settings: settings(epochs: epochs),
      trainingSet: images)
    #expect(trainer.run() == .completed)
    return trainer
  }

  @Test func twoEpochsSavedAndResumedForTwoMatchFourStraight() throws {
    let straight = try trainer(epochs: 4)
    let first = try trainer(epochs: 2)
    let folder = try TemporaryFolder()
    let path = folder.file("checkpoint.safetensors")
    try FaceModel(vae: first.model, trainingState: first.currentState()).save(to: path)
    let loaded = try FaceModel.load(from: path)
    let resumed = Trainer(
      model: loaded.vae, settings: settings(epochs: 2), trainingSet: images, previousEpochs: 2,
      resumingFrom: loaded.trainingState)
    #expect(resumed.run() == .completed)
    #expect(resumed.model.weightValues() == straight.model.weightValues())
    #expect(resumed.currentState() == straight.currentState())
    #expect(resumed.optimizer.step == 16)  // 4 epochs of 4 steps

    // Without the state the same weights continue differently: the test can tell.
    let fresh = Trainer(
      model: try FaceModel.load(from: path).vae, settings: settings(epochs: 2),
      trainingSet: images, previousEpochs: 2)
    _ = fresh.run()
    #expect(fresh.model.weightValues() != straight.model.weightValues())
  }

  @Test func theStateSurvivesTheFileExactlyEvenWithHalfWeights() throws {
    let trained = try trainer(epochs: 1)
    let state = trained.currentState()
    #expect(state.generator != nil)
    let folder = try TemporaryFolder()
    let path = folder.file("m.safetensors")
    try FaceModel(vae: trained.model, trainingState: state).save(to: path, halfPrecision: true)
    #expect(try FaceModel.load(from: path).trainingState == state)

    let file = try SafeTensorsFile.read(contentsOf: path)
    let name = TrainingState.firstMomentName("fc_mu.weight")
    #expect(file.tensors[name]?.dtype == .float32)
    #expect(file.tensors[name]?.shape == [4, 32])
    #expect(file.metadata["latent.optimizer"] == #"{"kind":"adam","step":4}"#)

    try FaceModel(vae: trained.model).save(to: path)
    #expect(try FaceModel.load(from: path).trainingState == nil)
    #expect(try SafeTensorsFile.read(contentsOf: path).names.allSatisfy { !$0.hasPrefix("optim") })
  }

  @Test func incompleteOrBrokenStatesAreRefused() throws {
    let trained = try trainer(epochs: 1)
    let folder = try TemporaryFolder()
    let path = folder.file("m.safetensors")
    try FaceModel(vae: trained.model, trainingState: trained.currentState()).save(to: path)
    let good = try SafeTensorsFile.read(contentsOf: path)
    let v = TrainingState.secondMomentName("decoder.0.bias")
    var cases: [(SafeTensorsFile, String)] = []
    var missing = good
    missing.tensors[v] = nil
    cases.append((missing, "missing tensor '\(v)'"))
    var infinite = good
    infinite.tensors[v]?.values[0] = .infinity
    cases.append((infinite, "tensor '\(v)' holds NaN or infinite values"))
    var noStep = good
    noStep.metadata["latent.optimizer"] = nil
    cases.append((noStep, "without latent.optimizer"))
    var deadGenerator = good
    deadGenerator.metadata["latent.generator"] = #"{"words":["0","0","0","0"]}"#
    cases.append((deadGenerator, "latent.generator: needs four hexadecimal words"))
    for (file, problem) in cases {
      let broken = folder.file("broken.safetensors")
      try file.write(to: broken)
      let error = #expect(throws: LatentError.self) { try FaceModel.load(from: broken) }
      #expect(error?.path == broken)
      #expect(error?.problem.contains(problem) == true, "\(String(describing: error))")
    }
  }

  /// Adam's first update moves every weight by about the learning rate (m/√v = ±1), so with
  /// four steps per epoch the warmed-up first step moves none by more than a quarter of it.
  @Test func withoutAStateTheLearningRateWarmsUpOverTheFirstEpoch() throws {
    func largestFirstStep(warmsUp: Bool) throws -> Float {
      let model = try VariationalAutoencoder(config: config, seed: 5)
      let before = model.weightValues().joined()
      let trainer = Trainer(
        model: model, settings: settings(epochs: 2), trainingSet: barImages(count: 128, seed: 3),
        warmsUpLearningRate: warmsUp)
      _ = trainer.run(shouldStop: { trainer.optimizer.step == 1 })
      return zip(model.weightValues().joined(), before).map { abs($0 - $1) }.max() ?? 0
    }
    let learningRate = settings(epochs: 1).optimizer.learningRate
    let full = try largestFirstStep(warmsUp: false)
    let warm = try largestFirstStep(warmsUp: true)
    #expect(abs(full - learningRate) < learningRate * 0.01, "\(full)")
    #expect(abs(warm - learningRate / 4) < learningRate * 0.01, "\(warm)")
  }

  @Test func theLearningRateIsFullAgainAfterTheWarmUp() throws {
    let model = try VariationalAutoencoder(config: config, seed: 5)
    let trainer = Trainer(
      model: model, settings: settings(epochs: 2), trainingSet: images, warmsUpLearningRate: true)
    var rates: [Float] = []
    _ = trainer.run(progress: { _ in rates.append(trainer.optimizer.settings.learningRate) })
    let learningRate = settings(epochs: 1).optimizer.learningRate
    #expect(rates == [0.25, 0.5, 0.75, 1, 1, 1, 1, 1].map { $0 * learningRate })
  }
}
