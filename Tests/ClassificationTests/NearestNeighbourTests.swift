import Foundation
import Classification
import Testing

@Suite("Nearest neighbours and reports")
struct NearestNeighbourTests {
  @Test("cosine kNN: direction counts, length does not")
  func cosineIgnoresLength() {
    // References centred at the origin: (1,0), (−1,0), (0,1), (0,−1) with labels 0…3.
    let references = FeatureMatrix(values: [1, 0, -1, 0, 0, 1, 0, -1], columns: 2)
    let knn = NearestNeighbourClassifier(features: references, labels: [0, 1, 2, 3])
    let queries = FeatureMatrix(values: [10, 1, -0.1, 0.01, 0.2, 5, 3, -40], columns: 2)
    #expect(knn.predict(queries) == [0, 1, 2, 3])
  }

  @Test("leaving a reference out predicts from the others")
  func leaveOneOut() {
    let references = FeatureMatrix(values: [1, 0, 0.9, 0.1, -1, 0], columns: 2)
    let knn = NearestNeighbourClassifier(features: references, labels: [7, 8, 9])
    #expect(knn.predict([1, 0]) == 7)
    #expect(knn.predict([1, 0], excluding: 0) == 8)
    let single = NearestNeighbourClassifier(
      features: FeatureMatrix(values: [1, 2], columns: 2), labels: [4])
    #expect(single.predict([1, 2], excluding: 0) == nil)
  }

  @Test("k = 3 takes the majority of the three nearest")
  func majorityVote() {
    // Query (1, 0): nearest are label 5 (0.99), then two of label 6 (0.98, 0.97).
    let angles: [Float] = [0.14, 0.2, 0.25, 3.0]
    let values: [Float] = angles.flatMap { [cos($0), sin($0)] } + [-1, -1]
    let knn = NearestNeighbourClassifier(
      features: FeatureMatrix(values: values, columns: 2), labels: [5, 6, 6, 7, 7], neighbours: 3)
    let centreFree = knn.similarities(of: FeatureMatrix(values: [1, 0], columns: 2))
    #expect(centreFree.count == 5)
    let nearest1 = NearestNeighbourClassifier(
      features: FeatureMatrix(values: values, columns: 2), labels: [5, 6, 6, 7, 7], neighbours: 1)
    let query = FeatureMatrix(values: [cos(0.1), sin(0.1)], columns: 2)
    #expect(nearest1.predict(query) == [5])
    #expect(knn.predict(query) == [6])
  }

  @Test("recovers clusters it has not seen the points of")
  func clusters() {
    let (train, test) = ClusterData.trainAndTest(classes: 6, perClass: 5, dimensions: 10, seed: 9)
    let knn = NearestNeighbourClassifier(features: train.features, labels: train.labels)
    let report = ClassificationReport(
      truth: test.labels, predictions: knn.predict(test.features), classes: 6)
    #expect(report.accuracy > 0.9)
  }

  @Test("report: accuracy, recall and confusions count what happened")
  func report() {
    let truth = [0, 0, 0, 1, 1, 2, 2, 2, 2]
    let predictions = [0, 1, 1, 1, 1, 2, 0, 2, 2]
    let report = ClassificationReport(truth: truth, predictions: predictions, classes: 4)
    let correct = zip(truth, predictions).filter { $0 == $1 }.count
    #expect(report.accuracy == Double(correct) / Double(truth.count))
    #expect(report.recall(of: 0) == 1.0 / 3)
    #expect(report.recall(of: 1) == 1)
    #expect(report.recall(of: 2) == 0.75)
    #expect(report.recall(of: 3) == nil)
    #expect(
      report.confusions.map { [$0.truth, $0.predicted, $0.count] } == [[0, 1, 2], [2, 0, 1]])
    #expect(report.total == truth.count)
  }

  @Test("spread: mean, sample deviation, range")
  func spread() {
    let s = Spread([0.8, 0.9, 1.0])
    #expect(abs(s.mean - 0.9) < 1e-12)
    #expect(abs(s.standardDeviation - 0.1) < 1e-12)
    #expect(s.minimum == 0.8 && s.maximum == 1.0)
    #expect(Spread([0.5]).standardDeviation == 0)
  }
}
