/// A 4×4 Bayer threshold pattern scaled to about one step of the xterm colour cube, so
/// that smooth gradients between two cube levels turn into a fine, stable mix of both.
enum OrderedDither {
  /// The Bayer matrix, values 0–15.
  static let bayer4: [Int] = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5]

  /// Spread of the offsets: one cube step (40).
  static let amplitude = 40

  /// The channel offset for the pixel at `x`, `y`: in −20…+18 for an amplitude of 40.
  @inline(__always)
  static func offset(x: Int, y: Int) -> Int {
    let threshold = bayer4[(y & 3) * 4 + (x & 3)]
    return ((2 * threshold + 1) * amplitude) / 32 - amplitude / 2
  }
}
