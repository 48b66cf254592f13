import FaceVAE

/// What the screen says about background runs: how one starts and ends, and its held-out
/// ELBO beside the model's own.
enum TrainingText {
  /// How the run's optimizer starts, for the status line when a run begins.
  static func start(_ status: TrainingStatus) -> String {
    switch status.optimizerStart {
    case .restored(let step):
      "training continues the stored Adam state (step \(step)), as train --resume"
    case .warmUp: "training: no stored optimizer state, so the learning rate warms up in epoch 1"
    case nil: "training started on a background queue"
    }
  }

  /// How the run ended and which checkpoint it wrote (never one of an earlier run); nil while
  /// it goes.
  static func ending(_ status: TrainingStatus) -> String? {
    let how: String
    switch status.phase {
    case .idle, .running, .cancelling, .failed: return nil
    case .finished(.completed): how = "training finished"
    case .finished(.cancelled(let epoch, let step)):
      how = "training cancelled at epoch \(epoch) step \(step)"
    case .finished(.diverged(let epoch, _)):
      how = "training stopped: loss not finite in epoch \(epoch), weights of the last good epoch"
    }
    let checkpoint =
      if let path = status.checkpointPath {
        "checkpoint \(path)" + (status.checkpointEpoch.map { " (epoch \($0))" } ?? "")
      } else {
        "this run wrote no checkpoint (one is written after each epoch)"
      }
    return "\(how) · \(checkpoint) · \(KeyBinding.key(for: .keepWeights)) keeps the weights shown,"
      + " \(KeyBinding.key(for: .revertWeights)) reverts"
  }

  /// `held-out ELBO start … now … best …`, how now compares with the model's recorded
  /// validation ELBO, and how the optimizer started; nil before a run's first evaluation.
  static func figures(_ status: TrainingStatus, recorded: Double?) -> (
    figures: String, comparison: String?, nowIsBetter: Bool, optimizer: String
  )? {
    let elbo = status.heldOutELBO
    guard let start = elbo.start else { return nil }
    let optimizer: String =
      switch status.optimizerStart {
      case .restored: "Adam continued"
      case .warmUp: "lr warm-up"
      case nil: "fresh Adam"
      }
    var text = "held-out ELBO start \(RenderText.decimal(start))"
    if let now = elbo.now { text += " now \(RenderText.decimal(now))" }
    if let best = elbo.best { text += " best \(RenderText.decimal(best))" }
    guard let recorded, let now = elbo.now, now.isFinite else {
      return (text, nil, false, optimizer)
    }
    let gap = RenderText.decimal(abs(now - recorded))
    let own = "the model's own \(RenderText.decimal(recorded))"
    let comparison = now >= recorded ? "now beats \(own) by \(gap)" : "\(own) is better by \(gap)"
    return (text, comparison, now >= recorded, optimizer)
  }
}
