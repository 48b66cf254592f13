/// How well predictions match the truth on a test set: the confusion matrix with accuracy,
/// per-class recall and the most frequent confusions derived from it.
package struct ClassificationReport: Hashable, Sendable {
  /// Number of classes C (classes are `0..<C`).
  package let classes: Int
  /// Counts, `[C, C]` row-major: row = true class, column = predicted class.
  package let confusion: [Int]

  /// The report for `predictions` against `truth` (both `[M]`, values in `0..<classes`).
  package init(truth: [Int], predictions: [Int], classes: Int) {
    precondition(truth.count == predictions.count, "one prediction per test item")
    var confusion = [Int](repeating: 0, count: classes * classes)
    for (t, p) in zip(truth, predictions) {
      precondition((0..<classes).contains(t) && (0..<classes).contains(p), "class out of range")
      confusion[t * classes + p] += 1
    }
    self.classes = classes
    self.confusion = confusion
  }

  /// Test items counted.
  package var total: Int { confusion.reduce(0, +) }

  /// Items of true class `c`.
  package func support(of c: Int) -> Int {
    confusion[(c * classes)..<((c + 1) * classes)].reduce(0, +)
  }

  /// The share of items predicted right, in [0, 1] (0 for an empty report).
  package var accuracy: Double {
    let correct = (0..<classes).reduce(0) { $0 + confusion[$1 * classes + $1] }
    return total > 0 ? Double(correct) / Double(total) : 0
  }

  /// The share of class `c`'s items predicted as `c`, or nil when it has none.
  package func recall(of c: Int) -> Double? {
    let items = support(of: c)
    return items > 0 ? Double(confusion[c * classes + c]) / Double(items) : nil
  }

  /// Off-diagonal cells with a count, largest first (ties by true then predicted class).
  package var confusions: [(truth: Int, predicted: Int, count: Int)] {
    var cells = [(truth: Int, predicted: Int, count: Int)]()
    for t in 0..<classes {
      for p in 0..<classes where p != t && confusion[t * classes + p] > 0 {
        cells.append((t, p, confusion[t * classes + p]))
      }
    }
    return cells.sorted {
      $0.count != $1.count
        ? $0.count > $1.count : ($0.truth, $0.predicted) < ($1.truth, $1.predicted)
    }
  }
}
