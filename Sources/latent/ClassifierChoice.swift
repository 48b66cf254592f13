import ArgumentParser
import Classification

/// The values of `latent classify --method`: one classifier, or both.
enum ClassifierChoice: String, CaseIterable, ExpressibleByArgument {
  case knn
  case logistic
  case both

  /// The classifiers this choice runs, in the report's order.
  var methods: [ClassifierMethod] {
    switch self {
    case .knn: return [.knn]
    case .logistic: return [.logistic]
    case .both: return ClassifierMethod.allCases
    }
  }
}
