/// What one epoch of training achieved, in nats per image; stored in the
/// model file's `latent.training` record, one entry per epoch.
package struct EpochRecord: Hashable, Sendable, Codable {
  /// 1-based epoch number, counted over resumed runs too.
  package var epoch: Int
  /// Mean ELBO over the epoch's training steps (higher is better).
  package var trainELBO: Double
  /// ELBO on the held-out images, nil without a validation split.
  package var validationELBO: Double?
  /// Mean reconstruction term −log p(x|z) over the epoch.
  package var reconstruction: Double
  /// Mean KL term over the epoch.
  package var kl: Double
  /// Training throughput.
  package var imagesPerSecond: Double
  /// Wall-clock seconds of the epoch, validation included.
  package var seconds: Double

  package init(
    epoch: Int, trainELBO: Double, validationELBO: Double?, reconstruction: Double, kl: Double,
    imagesPerSecond: Double, seconds: Double
  ) {
    self.epoch = epoch
    self.trainELBO = trainELBO
    self.validationELBO = validationELBO
    self.reconstruction = reconstruction
    self.kl = kl
    self.imagesPerSecond = imagesPerSecond
    self.seconds = seconds
  }

  private enum CodingKeys: String, CodingKey {
    case epoch
    case trainELBO = "train_elbo"
    case validationELBO = "val_elbo"
    case reconstruction = "recon"
    case kl
    case imagesPerSecond = "images_per_s"
    case seconds
  }
}
