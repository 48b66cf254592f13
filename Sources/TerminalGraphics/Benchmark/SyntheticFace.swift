import ImageIO

/// A procedural face (skin oval, eyes, mouth, hair, shading, a background gradient) with
/// thousands of distinct colours, for tests and benchmarks that must not need a dataset.
package enum SyntheticFace {
  /// A `size × size` RGB face.
  package static func image(size: Int = 64) -> Image {
    var image = Image(width: size, height: size, fill: [0, 0, 0])
    let scale = Double(size)
    for y in 0..<size {
      for x in 0..<size {
        let u = (Double(x) + 0.5) / scale - 0.5
        let v = (Double(y) + 0.5) / scale - 0.5
        // Background: a diagonal blue-grey gradient.
        var color = (90 + 80 * (u + 0.5), 110 + 60 * (v + 0.5), 150 + 40 * (u - v))
        let face = (u * u) / (0.3 * 0.3) + ((v - 0.03) * (v - 0.03)) / (0.4 * 0.4)
        if face < 1 {
          let shade = 1 - 0.35 * face - 0.25 * u
          color = (225 * shade, 180 * shade, 150 * shade)
        }
        let hair = v < -0.18 && face < 1.25 && face > 0.55
        if hair { color = (70 + 30 * v, 45 + 10 * u, 30) }
        for eyeX in [-0.12, 0.12] {
          let eye =
            ((u - eyeX) * (u - eyeX)) / (0.06 * 0.06) + ((v + 0.05) * (v + 0.05)) / (0.03 * 0.03)
          if eye < 1 { color = eye < 0.3 ? (30, 40, 60) : (240, 240, 235) }
        }
        let mouth = (u * u) / (0.13 * 0.13) + ((v - 0.2) * (v - 0.2)) / (0.03 * 0.03)
        if mouth < 1 { color = (170 - 40 * mouth, 70, 80) }
        image[x, y, 0] = channel(color.0)
        image[x, y, 1] = channel(color.1)
        image[x, y, 2] = channel(color.2)
      }
    }
    return image
  }

  /// A value rounded and clamped to 0…255.
  private static func channel(_ value: Double) -> UInt8 {
    UInt8(min(max(value.rounded(), 0), 255))
  }
}
