/// Pixel counts and colour sums in a 32×32×32 cube (5 bits per channel), for median cut.
struct ColorCubeHistogram {
  /// Pixels per bin.
  var counts = [Int](repeating: 0, count: 32 * 32 * 32)
  /// Sums of the real 8-bit red, green and blue values of the pixels in each bin.
  var sums = [SIMD3<Int>](repeating: .zero, count: 32 * 32 * 32)

  /// The histogram of every pixel of `frames`.
  init(frames: [Image]) {
    for frame in frames {
      for pixel in 0..<(frame.width * frame.height) {
        let color = frame.rgb(at: pixel)
        let bin = Self.bin(color)
        counts[bin] += 1
        sums[bin] &+= SIMD3(Int(color.red), Int(color.green), Int(color.blue))
      }
    }
  }

  /// The bin of a colour: its top 5 bits of red, green, blue.
  static func bin(_ color: RGBColor) -> Int {
    Int(color.red >> 3) << 10 | Int(color.green >> 3) << 5 | Int(color.blue >> 3)
  }

  /// Bins with at least one pixel.
  var occupiedBins: [Int] { counts.indices.filter { counts[$0] > 0 } }

  /// The mean colour of the pixels in `bin`, as Doubles.
  func mean(of bin: Int) -> SIMD3<Double> {
    SIMD3<Double>(sums[bin]) / Double(counts[bin])
  }
}
