/// How ``ImageScaler`` computes a scaled pixel.
package enum ScalingFilter: Hashable, Sendable {
  /// The source pixel under the target pixel's centre: hard edges, no new colours.
  case nearest
  /// A weighted mean of the four source pixels around the target pixel's centre.
  case bilinear
}
