import Classification
import FaceData
import FaceVAE
import LatentBasics
import Recognition
import Testing
import NeuralCore

/// A small VAE trained once on synthetic faces (24×24 gray, 8 latents), whose labels are
/// glasses on/off (30 % on) and whose indices are the smile's sign.
enum SyntheticRecognition {
  static let faces = SyntheticFaces.dataset(count: 600, width: 24, height: 24, channels: 1, seed: 5)

  /// Shared by the tests of one serialized suite only (a model's scratch buffers are not
  /// safe to use from two threads at once).
  nonisolated(unsafe) static let model: FaceModel = {
    let config = try! VAEConfig.mlp(width: 24, height: 24, hidden: 200, latent: 8)
    let vae = try! VariationalAutoencoder(config: config, seed: 3)
    var settings = TrainingSettings()
    settings.epochs = 15
    settings.batchSize = 50
    settings.seed = 3
    settings.optimizer.learningRate = 2e-3
    _ = Trainer(model: vae, settings: settings, trainingSet: faces).run()
    let model = FaceModel(vae: vae)
    model.storeStatistics(of: faces)
    return model
  }()

  /// The mean recall over classes (balanced accuracy: 0.5 is chance for two classes whatever
  /// their sizes).
  static func balancedAccuracy(_ report: ClassificationReport) -> Double {
    let recalls = (0..<report.classes).compactMap(report.recall(of:))
    return recalls.reduce(0, +) / Double(max(1, recalls.count))
  }
}

@Suite("Recognition from latent codes", .serialized)
struct RecognitionTests {
  @Test("the split never puts one image in both parts, and gives every class both parts")
  func splitIsDisjointAndStratified() throws {
    var settings = RecognitionSettings()
    settings.testFraction = 0.3
    let experiment = try RecognitionExperiment(
      model: SyntheticRecognition.model, dataset: SyntheticRecognition.faces, settings: settings)
    for seed in UInt64(0)..<8 {
      let (train, test) = experiment.split(seed: seed)
      #expect(Set(train).isDisjoint(with: test))
      #expect(Set(train).count == train.count && Set(test).count == test.count)
      #expect(Set(train + test) == Set(0..<SyntheticRecognition.faces.count))
      for label in [0, 1] {
        let all = SyntheticRecognition.faces.labels.filter { $0 == label }.count
        let inTest = test.filter { SyntheticRecognition.faces.labels[$0] == label }.count
        #expect(abs(Double(inTest) - 0.3 * Double(all)) <= 1, "label \(label): \(inTest) of \(all)")
      }
    }
    #expect(experiment.split(seed: 1) == experiment.split(seed: 1))
    #expect(experiment.split(seed: 1) != experiment.split(seed: 2))
  }

  @Test("codes recover factors of the synthetic faces well above chance")
  func recoversFactors() throws {
    let faces = SyntheticRecognition.faces
    // Two classes split at the factor's median, so chance is 0.5 whatever the classifier.
    for (name, floor) in [("hairColor", 0.8), ("skinTone", 0.7)] {
      var dataset = faces
      let values = (0..<faces.count).compactMap { faces.factor(name, of: $0) }
      let median = values.sorted()[values.count / 2]
      dataset.labels = values.map { $0 >= median ? 1 : 0 }
      var settings = RecognitionSettings()
      settings.runs = 2
      settings.pixelBaseline = false
      let results = try RecognitionExperiment(
        model: SyntheticRecognition.model, dataset: dataset, settings: settings
      ).run()
      for method in ClassifierMethod.allCases {
        let condition = RecognitionCondition(features: .latent, method: method, augmented: false)
        let report = try #require(results.firstRunReports[condition])
        let balanced = SyntheticRecognition.balancedAccuracy(report)
        print("synthetic \(name) above its median, latent \(method): balanced accuracy \(balanced)")
        #expect(
          balanced > floor, "\(name) by \(method): balanced accuracy \(balanced) (chance 0.5)")
        #expect(results.accuracies[condition]?.count == 2)
      }
    }
  }

  @Test("generated faces: N per image, labelled by their source, reproducible, not copies")
  func generatedVariations() {
    let model = SyntheticRecognition.model
    let items = [3, 10, 42]
    let a = model.generatedVariations(
      of: SyntheticRecognition.faces, items: items, perImage: 4, seed: 9)
    let b = model.generatedVariations(
      of: SyntheticRecognition.faces, items: items, perImage: 4, seed: 9)
    let c = model.generatedVariations(
      of: SyntheticRecognition.faces, items: items, perImage: 4, seed: 10)
    let d = model.vae.latentDimensions
    #expect(a.count == 12 && a.sources == items.flatMap { Array(repeating: $0, count: 4) })
    #expect(a.codes.count == 12 && a.codes.dimensions == d && a.images.count == 12)
    #expect(a.codes == b.codes && a.images == b.images)
    #expect(a.codes != c.codes)
    #expect(a.images.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    // Re-encoded codes differ from the source's posterior mean, but stay nearer to it than to
    // the other sources' means on average.
    let means = model.encode(SyntheticRecognition.faces, items: items)
    var own = 0.0
    var other = 0.0
    for k in 0..<12 {
      let source = k / 4
      for s in 0..<3 {
        var distance = 0.0
        for j in 0..<d {
          let diff = Double(a.codes[k, j] - means[s, j])
          distance += diff * diff
        }
        if s == source { own += distance } else { other += distance / 2 }
      }
    }
    #expect(own > 0)
    #expect(own < other, "generated codes are nearer their own source")
  }

  @Test("data that cannot be split or told apart is refused with a reason")
  func badData() {
    let model = SyntheticRecognition.model
    let faces = SyntheticRecognition.faces.subset(Array(0..<20))
    var oneClass = faces
    oneClass.labels = Array(repeating: 4, count: 20)
    var lonely = faces
    lonely.labels = Array(repeating: 0, count: 19) + [1]
    var unlabelled = faces
    unlabelled.labels = Array(repeating: nil, count: 20)
    let rgb = SyntheticFaces.dataset(count: 20, width: 24, height: 24, channels: 3, seed: 1)
    let cases: [(FaceDataset, String)] = [
      (oneClass, "same label"), (lonely, "label 1 has 1 image"),
      (unlabelled, "no image has a label"),
      (rgb, "the model takes 1×24×24"),
    ]
    for (dataset, expected) in cases {
      do throws(LatentError) {
        _ = try RecognitionExperiment(
          model: model, dataset: dataset, settings: RecognitionSettings())
        Issue.record("accepted data that should fail with '\(expected)'")
      } catch {
        #expect(error.description.contains(expected), "\(error.description)")
      }
    }
  }
}
