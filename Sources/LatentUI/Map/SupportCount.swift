import FaceVAE

/// How many stored codes lie near a code — a "support" count, as Latent Space Cartography
/// shows — so that a user sees when the sliders have left the data.
///
/// Near means within ``radius`` (Euclidean, over all dimensions, in the prior's σ): the median,
/// over stored codes, of the distance to a code's ``neighbours``-th nearest other stored code.
/// A typical stored code so has about ``neighbours`` stored codes within the radius; 0 means
/// the code lies where the model saw no data.
package struct SupportCount: Hashable, Sendable {
  /// Stored neighbours a typical stored code has within ``radius``.
  package static let neighbours = 10
  /// At most this many stored codes (evenly spaced) set the radius, so that it takes
  /// `sampleSize × N × D` multiply-adds.
  package static let sampleSize = 256

  /// The radius, prior σ (code units).
  package var radius: Float

  /// The count for a given radius.
  package init(radius: Float) { self.radius = radius }

  /// The count whose radius comes from `codes` (`[N, D]`); nil with `neighbours` codes or
  /// fewer, or when they all coincide.
  package init?(codes: LatentCodes) {
    let n = codes.count
    guard n > Self.neighbours else { return nil }
    let sampled = Swift.min(n, Self.sampleSize)
    var kthDistances: [Float] = []
    kthDistances.reserveCapacity(sampled)
    for s in 0..<sampled {
      let i = s * n / sampled
      // The k smallest squared distances to the other codes, kept sorted.
      var nearest: [Float] = []
      for j in 0..<n where j != i {
        let d2 = Self.squaredDistance(codes, i, codes, j)
        if nearest.count < Self.neighbours {
          nearest.insert(d2, at: nearest.firstIndex { $0 > d2 } ?? nearest.count)
        } else if d2 < nearest[Self.neighbours - 1] {
          nearest.removeLast()
          nearest.insert(d2, at: nearest.firstIndex { $0 > d2 } ?? nearest.count)
        }
      }
      kthDistances.append(nearest[Self.neighbours - 1].squareRoot())
    }
    kthDistances.sort()
    let median = kthDistances[kthDistances.count / 2]
    guard median > 0, median.isFinite else { return nil }
    radius = median
  }

  /// How many rows of `codes` (`[N, D]`) lie within ``radius`` of `code` (`[D]`).
  package func count(near code: [Float], in codes: LatentCodes) -> Int {
    guard code.count == codes.dimensions else { return 0 }
    let limit = radius * radius
    var count = 0
    let d = codes.dimensions
    codes.values.withUnsafeBufferPointer { values in
      for row in 0..<codes.count {
        var sum: Float = 0
        let base = row * d
        for k in 0..<d {
          let difference = values[base + k] - code[k]
          sum += difference * difference
        }
        if sum <= limit { count += 1 }
      }
    }
    return count
  }

  private static func squaredDistance(
    _ a: LatentCodes, _ i: Int, _ b: LatentCodes, _ j: Int
  ) -> Float {
    let d = a.dimensions
    return a.values.withUnsafeBufferPointer { u in
      b.values.withUnsafeBufferPointer { v in
        var sum: Float = 0
        for k in 0..<d {
          let difference = u[i * d + k] - v[j * d + k]
          sum += difference * difference
        }
        return sum
      }
    }
  }
}
