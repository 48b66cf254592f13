/// A run's held-out ELBO at its start, now and at its best (nats per image, higher is
/// better), for setting beside the model's own recorded validation ELBO.
package struct ELBOFigures: Hashable, Sendable {
  /// Before the run's first step.
  package var start: Double?
  /// After the newest evaluation.
  package var now: Double?
  /// The highest so far, the start included.
  package var best: Double?

  package init() {}

  /// Takes a new evaluation: the first is the start; each is now; the highest is the best.
  /// A value that is not finite counts as now but never as the best.
  package mutating func record(_ elbo: Double) {
    if start == nil { start = elbo }
    now = elbo
    if elbo.isFinite, best.map({ elbo > $0 }) ?? true { best = elbo }
  }
}
