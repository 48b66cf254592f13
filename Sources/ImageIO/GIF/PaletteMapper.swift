/// Maps frames to indices of a ``GIFPalette``, with a cache of nearest colours.
struct PaletteMapper {
  let palette: GIFPalette
  private var cache: [UInt32: UInt8] = [:]

  /// Bayer 4×4 thresholds, 0...15.
  private static let bayer: [Int] = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5]
  /// Amplitude of the ordered dither in 8-bit levels (thresholds span about ±spread/2).
  static let orderedSpread = 12

  init(palette: GIFPalette) { self.palette = palette }

  /// The palette index nearest to a colour whose channels lie in 0...255.
  mutating func index(red: Int, green: Int, blue: Int) -> UInt8 {
    let key = UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)
    if let known = cache[key] { return known }
    let index = UInt8(palette.nearestIndex(red: red, green: green, blue: blue))
    cache[key] = index
    return index
  }

  /// One palette index per pixel of `frame`, row-major.
  mutating func indices(of frame: Image, dithering: GIFDithering) -> [UInt8] {
    switch dithering {
    case .none:
      return (0..<(frame.width * frame.height)).map { pixel in
        let color = frame.rgb(at: pixel)
        return index(red: Int(color.red), green: Int(color.green), blue: Int(color.blue))
      }
    case .ordered:
      var result = [UInt8](repeating: 0, count: frame.width * frame.height)
      for y in 0..<frame.height {
        for x in 0..<frame.width {
          let pixel = y * frame.width + x
          let threshold = Self.bayer[(y & 3) * 4 + (x & 3)]
          let offset = (threshold * 2 - 15) * Self.orderedSpread / 32
          let color = frame.rgb(at: pixel)
          result[pixel] = index(
            red: clamp(Int(color.red) + offset), green: clamp(Int(color.green) + offset),
            blue: clamp(Int(color.blue) + offset))
        }
      }
      return result
    case .floydSteinberg:
      return diffused(frame)
    }
  }

  /// Floyd–Steinberg: each pixel's quantisation error goes 7/16 right, 3/16 down-left, 5/16
  /// down and 1/16 down-right.
  private mutating func diffused(_ frame: Image) -> [UInt8] {
    let width = frame.width
    var result = [UInt8](repeating: 0, count: width * frame.height)
    var current = [SIMD3<Float>](repeating: .zero, count: width + 2)
    var next = [SIMD3<Float>](repeating: .zero, count: width + 2)
    for y in 0..<frame.height {
      for x in 0..<width {
        let pixel = y * width + x
        let color = frame.rgb(at: pixel)
        let wanted =
          SIMD3<Float>(Float(color.red), Float(color.green), Float(color.blue))
          + current[x + 1]
        let clamped = wanted.clamped(lowerBound: .zero, upperBound: SIMD3(repeating: 255))
          .rounded(.toNearestOrAwayFromZero)
        let chosen = index(red: Int(clamped.x), green: Int(clamped.y), blue: Int(clamped.z))
        result[pixel] = chosen
        let entry = palette.colors[Int(chosen)]
        let error = wanted - SIMD3(Float(entry.red), Float(entry.green), Float(entry.blue))
        current[x + 2] += error * (7 / 16)
        next[x] += error * (3 / 16)
        next[x + 1] += error * (5 / 16)
        next[x + 2] += error * (1 / 16)
      }
      swap(&current, &next)
      for k in next.indices { next[k] = .zero }
    }
    return result
  }

  private func clamp(_ value: Int) -> Int { min(255, max(0, value)) }
}
