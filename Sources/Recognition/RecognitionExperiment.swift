import FaceVAE
import LatentBasics
import Classification
import FaceData

/// Recognition from latent codes (`latent classify`): encode every labelled face, split each
/// class into train and test images (stratified, seeded), train classifiers on the codes of the
/// train images — optionally with codes of faces the VAE generates around them — and on pixels
/// for a baseline, and score them on the test images, over several seeds.
package struct RecognitionExperiment {
  /// The model whose codes are the features.
  package let model: FaceModel
  /// The faces with their class labels, preprocessed to the model's input.
  package let dataset: FaceDataset
  package let settings: RecognitionSettings

  /// Images that take part (those with a label) and those left out.
  private let labelled: FaceDataset
  private let unlabelledCount: Int
  /// Sorted distinct labels (class c is `classLabels[c]`) and each image's class.
  private let classLabels: [Int]
  private let classes: [Int]

  /// Checks the data: at least two classes, and a split that leaves every class at least one
  /// train and one test image for every run's seed.
  package init(model: FaceModel, dataset: FaceDataset, settings: RecognitionSettings)
    throws(LatentError)
  {
    guard settings.testFraction > 0, settings.testFraction < 1 else {
      throw LatentError(.data, "the test share must be between 0 and 1")
    }
    guard model.config.channels == dataset.channels, model.vae.imageSize == dataset.valuesPerImage
    else {
      throw LatentError(
        .data,
        "the images are \(dataset.channels)×\(dataset.height)×\(dataset.width) but the model takes "
          + "\(model.config.channels)×\(model.config.height)×\(model.config.width)")
    }
    let keep = dataset.labels.indices.filter { dataset.labels[$0] != nil }
    guard !keep.isEmpty else { throw LatentError(.data, "no image has a label to recognise") }
    let labelled = dataset.subset(keep)
    let classLabels = Set(labelled.labels.compactMap { $0 }).sorted()
    guard classLabels.count >= 2 else {
      throw LatentError(
        .data,
        "every labelled image has the same label (\(classLabels[0])): there is nothing to tell apart"
      )
    }
    let classOf = Dictionary(uniqueKeysWithValues: classLabels.enumerated().map { ($1, $0) })
    self.model = model
    self.dataset = dataset
    self.settings = settings
    self.labelled = labelled
    self.unlabelledCount = dataset.count - keep.count
    self.classLabels = classLabels
    self.classes = labelled.labels.map { $0.flatMap { classOf[$0] } ?? 0 }
    for run in 0..<max(1, settings.runs) { try checkSplit(seed: settings.splitSeed(ofRun: run)) }
  }

  /// The train and test images (numbers in the labelled images) of the split fixed by `seed`.
  package func split(seed: UInt64) -> (train: [Int], test: [Int]) {
    let items = labelled.splitItems(validationFraction: settings.testFraction, seed: seed)
    return (items.train, items.validation)
  }

  /// Fails when some class has no train or no test image under the split of `seed`.
  private func checkSplit(seed: UInt64) throws(LatentError) {
    let (train, test) = split(seed: seed)
    var trainCounts = [Int](repeating: 0, count: classLabels.count)
    var testCounts = trainCounts
    for item in train { trainCounts[classes[item]] += 1 }
    for item in test { testCounts[classes[item]] += 1 }
    for c in classLabels.indices where trainCounts[c] == 0 || testCounts[c] == 0 {
      let images = trainCounts[c] + testCounts[c]
      throw LatentError(
        .data,
        "label \(classLabels[c]) has \(images) image\(images == 1 ? "" : "s"): too few to put at "
          + "least one in train and one in test with --split \(settings.testFraction)")
    }
  }

  /// Runs every condition for every seed. `progress` gets a stage name and the share done.
  package func run(progress: (String, Double) -> Void = { _, _ in }) -> RecognitionResults {
    let codes = encodeAll(progress: progress)
    let pixels = FeatureMatrix(values: labelled.images, columns: labelled.valuesPerImage)
    let firstSplit = split(seed: settings.splitSeed(ofRun: 0))
    var results = RecognitionResults(
      classLabels: classLabels, labelNames: labelled.labelNames, images: labelled.count,
      unlabelledImages: unlabelledCount, trainImages: firstSplit.train.count,
      testImages: firstSplit.test.count, generatedImages: firstSplit.train.count * settings.augment,
      splitSeeds: (0..<settings.runs).map(settings.splitSeed(ofRun:)))
    let sources: [RecognitionCondition.Features] =
      settings.pixelBaseline ? [.latent, .pixels] : [.latent]
    for run in 0..<settings.runs {
      let stage = "run \(run + 1)/\(settings.runs)"
      let (train, test) = split(seed: settings.splitSeed(ofRun: run))
      let truth = test.map { classes[$0] }
      var generated: GeneratedFaces?
      if settings.augment > 0 {
        generated = model.generatedVariations(
          of: labelled, items: train, perImage: settings.augment,
          seed: settings.augmentSeed(ofRun: run)
        ) { progress("\(stage): generating faces", $0) }
      }
      for features in sources {
        let all = features == .latent ? codes : pixels
        let trainSet = all.rows(train)
        let testSet = all.rows(test)
        let trainClasses = train.map { classes[$0] }
        for method in settings.methods {
          progress("\(stage): \(method.rawValue) on \(features.rawValue)", 0)
          // The train set as it is, then with the generated faces (labelled by their source).
          var variants = [(augmented: false, features: trainSet, labels: trainClasses)]
          if let generated {
            let extra = FeatureMatrix(
              values: features == .latent ? generated.codes.values : generated.images.values,
              columns: all.columns)
            variants.append(
              (
                true, trainSet.appending(extra),
                trainClasses + generated.sources.map { classes[$0] }
              ))
          }
          for (augmented, trainFeatures, trainLabels) in variants {
            let predictions = method.trainAndPredict(
              features: trainFeatures, labels: trainLabels, classes: classLabels.count,
              queries: testSet, neighbours: settings.neighbours, logistic: settings.logistic)
            let report = ClassificationReport(
              truth: truth, predictions: predictions, classes: classLabels.count)
            let condition = RecognitionCondition(
              features: features, method: method, augmented: augmented)
            results.accuracies[condition, default: []].append(report.accuracy)
            if run == 0 { results.firstRunReports[condition] = report }
          }
        }
      }
    }
    return results
  }

  /// Posterior means of every labelled image, `[N, D]`.
  private func encodeAll(progress: (String, Double) -> Void) -> FeatureMatrix {
    var values = [Float]()
    values.reserveCapacity(labelled.count * model.vae.latentDimensions)
    var start = 0
    while start < labelled.count {
      let items = Array(start..<min(labelled.count, start + FaceModel.decodeChunk))
      values += model.encode(labelled, items: items).values
      start += items.count
      progress("encoding", Double(start) / Double(labelled.count))
    }
    return FeatureMatrix(values: values, columns: model.vae.latentDimensions)
  }
}
