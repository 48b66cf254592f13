import LatentBasics

/// Faces the project draws itself (`--data synthetic`): cartoon faces whose every factor is
/// drawn from a seeded generator and recorded, so a fresh clone, the tests and a curious user
/// have faces to train on with no download, and ground truth for what latent dimensions learn.
package enum SyntheticFaces {
  /// Names of the labels: label 1 means glasses on.
  package static let labelNames = ["no glasses", "glasses"]

  /// The factors of face `item` of the set fixed by `seed` (independent of the set's size).
  package static func factors(seed: UInt64, item: Int) -> SyntheticFaceFactors {
    var generator = SeededGenerator(seed: seed, stream: item)
    return SyntheticFaceFactors.random(using: &generator)
  }

  /// Draws the face of `factors` as planar `[channels, height, width]` values in [0, 1] into
  /// `destination` (exactly `channels × height × width` values). RGB or gray (BT.601 luma);
  /// edges are anti-aliased by each pixel's analytic coverage.
  package static func render(
    _ factors: SyntheticFaceFactors, width: Int, height: Int, channels: Int,
    into destination: inout MutableSpan<Float>
  ) {
    precondition(channels == 1 || channels == 3, "synthetic faces have 1 or 3 channels")
    precondition(destination.count == channels * height * width, "room for another face size")
    let painter = SyntheticFacePainter(factors)
    let pixel = 2 / Float(min(width, height))
    let plane = width * height
    for row in 0..<height {
      let y = (Float(row) + 0.5 - Float(height) / 2) * pixel
      for column in 0..<width {
        let x = (Float(column) + 0.5 - Float(width) / 2) * pixel
        let color = painter.color(at: SIMD2(x, y), pixel: pixel)
        let index = row * width + column
        if channels == 3 {
          destination[index] = min(max(color.x, 0), 1)
          destination[plane + index] = min(max(color.y, 0), 1)
          destination[2 * plane + index] = min(max(color.z, 0), 1)
        } else {
          let luma = 0.299 * color.x + 0.587 * color.y + 0.114 * color.z
          destination[index] = min(max(luma, 0), 1)
        }
      }
    }
  }

  /// `count` synthetic faces of `width × height` pixels and `channels` channels, fixed by `seed`,
  /// drawn in parallel.
  ///
  /// Labels are glasses (0 none, 1 on; ``labelNames``), indices the smile sign (1 when
  /// `mouthCurvature > 0`, as the colour set's 1 = smiling), paths `synthetic/<seed>/<item>`,
  /// and every ``SyntheticFaceFactors`` value is kept in the dataset's factors.
  package static func dataset(
    count: Int, width: Int, height: Int, channels: Int, seed: UInt64
  ) -> FaceDataset {
    precondition(count > 0 && width > 0 && height > 0)
    let allFactors = (0..<count).map { factors(seed: seed, item: $0) }
    let valuesPerFace = channels * height * width
    var images = [Float](repeating: 0, count: count * valuesPerFace)
    images.updateParts(of: valuesPerFace, threads: WorkerPool.processorCount) { item, destination in
      render(
        allFactors[item], width: width, height: height, channels: channels, into: &destination)
    }
    return FaceDataset(
      images: images, channels: channels, height: height, width: width,
      labels: allFactors.map { $0.glasses >= 0.5 ? 1 : 0 },
      indices: allFactors.map { $0.mouthCurvature > 0 ? 1 : 0 },
      paths: (0..<count).map { "synthetic/\(seed)/\($0)" }, labelNames: labelNames,
      factorNames: SyntheticFaceFactors.names, factors: allFactors.flatMap(\.values))
  }
}
