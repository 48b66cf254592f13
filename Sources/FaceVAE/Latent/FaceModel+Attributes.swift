import FaceData
import LatentBasics

extension FaceModel {
  /// The direction `mean(code | positive) − mean(code | negative)` over the posterior means of
  /// `dataset`'s images, split by `membership` (one entry per image; nil is on neither side).
  package func attributeDirection(
    of dataset: FaceDataset, membership: [Bool?], batchSize: Int = 64
  ) throws(LatentError) -> [Float] {
    try AttributeDirection.direction(
      codes: posteriorMeans(of: dataset, batchSize: batchSize), membership: membership)
  }

  /// The posterior means of every image of `dataset`, `[N, D]`, encoded `batchSize` at a time.
  package func posteriorMeans(of dataset: FaceDataset, batchSize: Int = 64) -> LatentCodes {
    var codes = LatentCodes(dimensions: vae.latentDimensions)
    codes.reserveCapacity(dataset.count)
    var start = 0
    while start < dataset.count {
      let items = Array(start..<min(dataset.count, start + max(1, batchSize)))
      codes.append(contentsOf: encode(dataset, items: items))
      start += items.count
    }
    return codes
  }
}
