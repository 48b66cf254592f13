import FaceData
import LatentBasics

/// How well a model explains the images it is opened with: a cheap check that `--data` holds
/// images of the kind the model was trained on (not grey faces on a colour model, another size
/// resized, or no faces at all), which would otherwise give garbage reconstructions without a
/// word.
package struct DataFit: Hashable, Sendable {
  /// The share of the images' variance (around their mean image) that their reconstructions
  /// from the posterior mean leave unexplained: mean squared error over variance,
  /// under 0.5 for images of the model's kind (0.40 for a small test model), above 1 for
  /// noise, inverted or grey images (1.5–11).
  package var unexplainedVariance: Double
  /// Mean ELBO per image on the images evaluated (nats; higher is better).
  package var elbo: Double
  /// The model's own ELBO per image from its training record (nats), if it has one.
  package var recorded: Double?
  /// Images evaluated.
  package var images: Int

  package init(unexplainedVariance: Double, elbo: Double, recorded: Double?, images: Int) {
    self.unexplainedVariance = unexplainedVariance
    self.elbo = elbo
    self.recorded = recorded
    self.images = images
  }

  /// Above this share of unexplained variance the images are not the model's kind.
  package static let unexplainedLimit = 0.8

  /// Whether the images are too badly explained to be the model's kind of data.
  package var isMismatch: Bool {
    !unexplainedVariance.isFinite || unexplainedVariance > Self.unexplainedLimit
  }

  /// A one-line warning naming `data` (as `--data` was given), nil when the data fits.
  package func warning(data: String) -> String? {
    guard isMismatch else { return nil }
    let percent = Int((min(unexplainedVariance, 9.99) * 100).rounded())
    let record = recorded.map { ", the model's own \(String(format: "%.1f", $0))" } ?? ""
    return
      "--data \(data) does not look like this model's data: reconstructions leave \(percent)%"
      + " of its variance unexplained (ELBO \(String(format: "%.1f", elbo))\(record));"
      + " other faces, sizes or colours?"
  }
}

extension FaceModel {
  /// The model's recorded ELBO per image: the last epoch's validation ELBO, else its training
  /// ELBO; nil without a training record.
  package var recordedELBO: Double? {
    guard let epochs = training?.epochs, let last = epochs.last else { return nil }
    return epochs.last(where: { $0.validationELBO != nil })?.validationELBO ?? last.trainELBO
  }

  /// The fit of up to `sample` of `images`, evenly spread over them (one encode and decode,
  /// and one ELBO estimate, per image).
  package func dataFit(_ images: FaceDataset, sample: Int = 32) -> DataFit {
    let count = min(max(1, sample), images.count)
    guard count > 0 else {
      return DataFit(unexplainedVariance: 0, elbo: 0, recorded: recordedELBO, images: 0)
    }
    let chosen = images.subset((0..<count).map { $0 * images.count / count })
    let values = chosen.valuesPerImage
    var mean = [Double](repeating: 0, count: values)
    for item in 0..<count {
      for (v, value) in chosen.sample(item).enumerated() { mean[v] += Double(value) }
    }
    for v in 0..<values { mean[v] /= Double(count) }
    let reconstructed = vae.decode(encode(chosen, items: Array(0..<count)))
    var squaredError = 0.0
    var variance = 0.0
    for item in 0..<count {
      for (v, (value, estimate)) in zip(chosen.sample(item), reconstructed[item]).enumerated() {
        let error = Double(estimate - value)
        squaredError += error * error
        variance += (Double(value) - mean[v]) * (Double(value) - mean[v])
      }
    }
    let loss = Trainer.evaluate(model: vae, images: chosen, batchSize: 16)
    return DataFit(
      unexplainedVariance: squaredError / max(variance, 1e-12), elbo: loss.elbo,
      recorded: recordedELBO, images: count)
  }
}
