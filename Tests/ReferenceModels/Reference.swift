import Foundation
import LatentBasics

/// Straightforward Double implementations of the layers, written from the
/// definitions (direct loops, no im2col), as the reference the Float code is
/// checked against.
package enum Reference {
  /// `y[n,o,i,j] = b[o] + Σ_{c,ki,kj} w[o,c,ki,kj] · x[n,c,i·s−p+ki, j·s−p+kj]`.
  package static func conv2d(
    _ x: [Double], batch: Int, channels: Int, height: Int, width: Int,
    weight: [Double], bias: [Double], outChannels: Int, kernel k: Int, stride s: Int, padding p: Int
  ) -> (y: [Double], height: Int, width: Int) {
    let oh = (height + 2 * p - k) / s + 1
    let ow = (width + 2 * p - k) / s + 1
    var y = [Double](repeating: 0, count: batch * outChannels * oh * ow)
    for n in 0..<batch {
      for o in 0..<outChannels {
        for i in 0..<oh {
          for j in 0..<ow {
            var sum = bias[o]
            for c in 0..<channels {
              for ki in 0..<k {
                for kj in 0..<k {
                  let yy = i * s - p + ki
                  let xx = j * s - p + kj
                  guard yy >= 0, yy < height, xx >= 0, xx < width else { continue }
                  sum +=
                    weight[((o * channels + c) * k + ki) * k + kj]
                    * x[((n * channels + c) * height + yy) * width + xx]
                }
              }
            }
            y[((n * outChannels + o) * oh + i) * ow + j] = sum
          }
        }
      }
    }
    return (y, oh, ow)
  }

  /// The scatter definition: input pixel (i, j) adds `x · w[c,o,ki,kj]` to
  /// output pixel (i·s − p + ki, j·s − p + kj).
  package static func convTranspose2d(
    _ x: [Double], batch: Int, channels: Int, height: Int, width: Int,
    weight: [Double], bias: [Double], outChannels: Int, kernel k: Int, stride s: Int,
    padding p: Int,
    outputPadding op: Int
  ) -> (y: [Double], height: Int, width: Int) {
    let oh = (height - 1) * s - 2 * p + k + op
    let ow = (width - 1) * s - 2 * p + k + op
    var y = [Double](repeating: 0, count: batch * outChannels * oh * ow)
    for n in 0..<batch {
      for o in 0..<outChannels {
        for i in 0..<(oh * ow) { y[(n * outChannels + o) * oh * ow + i] = bias[o] }
      }
      for c in 0..<channels {
        for i in 0..<height {
          for j in 0..<width {
            let v = x[((n * channels + c) * height + i) * width + j]
            for o in 0..<outChannels {
              for ki in 0..<k {
                for kj in 0..<k {
                  let yy = i * s - p + ki
                  let xx = j * s - p + kj
                  guard yy >= 0, yy < oh, xx >= 0, xx < ow else { continue }
                  y[((n * outChannels + o) * oh + yy) * ow + xx] +=
                    v * weight[((c * outChannels + o) * k + ki) * k + kj]
                }
              }
            }
          }
        }
      }
    }
    return (y, oh, ow)
  }

  /// `y[n,o] = b[o] + Σᵢ w[o,i] · x[n,i]`.
  package static func linear(
    _ x: [Double], batch: Int, inFeatures: Int, weight: [Double], bias: [Double], outFeatures: Int
  ) -> [Double] {
    var y = [Double](repeating: 0, count: batch * outFeatures)
    for n in 0..<batch {
      for o in 0..<outFeatures {
        var sum = bias[o]
        for i in 0..<inFeatures { sum += weight[o * inFeatures + i] * x[n * inFeatures + i] }
        y[n * outFeatures + o] = sum
      }
    }
    return y
  }

  package static func activation(_ name: String, _ v: Double, slope: Double = 0.2) -> Double {
    switch name {
    case "relu": max(v, 0)
    case "leaky": v > 0 ? v : slope * v
    case "tanh": tanh(v)
    case "sigmoid": 1 / (1 + exp(-v))
    default: fatalError("unknown activation \(name)")
    }
  }
}

/// Central finite differences of a Double function at every coordinate.
package func numericalGradient(
  of f: ([Double]) -> Double, at point: [Double], step h: Double = 1e-4
) -> [Double] {
  var x = point
  var gradient = [Double](repeating: 0, count: x.count)
  for i in x.indices {
    let saved = x[i]
    x[i] = saved + h
    let up = f(x)
    x[i] = saved - h
    let down = f(x)
    x[i] = saved
    gradient[i] = (up - down) / (2 * h)
  }
  return gradient
}

/// Largest |a − b| / max(1, |b|) over the two arrays.
package func maxRelativeError(_ a: [Float], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "\(a.count) vs \(b.count)")
  var worst = 0.0
  for i in a.indices {
    worst = max(worst, abs(Double(a[i]) - b[i]) / max(1, abs(b[i])))
  }
  return worst
}

/// Seeded uniform values in [−1, 1).
package func randomValues(_ count: Int, seed: UInt64) -> [Float] {
  var generator = SeededGenerator(seed: seed)
  return (0..<count).map { _ in generator.uniform(-1, 1) }
}

/// max |a − b| / max |b|: the error relative to the size of the whole gradient,
/// so that small gradients are held to the same standard as large ones.
package func normalizedError(_ a: [Float], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "\(a.count) vs \(b.count)")
  let scale = b.map(abs).max() ?? 0
  let worst = zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
  return scale == 0 ? worst : worst / scale
}
