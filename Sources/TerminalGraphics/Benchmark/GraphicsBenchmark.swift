import ImageIO

/// Times each way of drawing a 64×64 face, for `latent bench`.
package enum GraphicsBenchmark {
  /// One measured encoder.
  package struct Result: Hashable, Sendable {
    /// What was measured.
    package var name: String
    /// Median time per frame, milliseconds.
    package var medianMilliseconds: Double
    /// Bytes (or cells, for a cell grid) one frame produces.
    package var bytes: Int
  }

  /// Median times per frame over `iterations` runs of each encoder on `face` (a
  /// synthetic 64×64 face by default).
  package static func run(face: Image = SyntheticFace.image(size: 64), iterations: Int = 200)
    -> [Result]
  {
    let encoders: [(String, (Image) -> Int)] = [
      (
        "half blocks truecolor → cells",
        { HalfBlockBlitter.cells(for: $0, depth: .truecolor).cells.count }
      ),
      (
        "half blocks truecolor → ANSI",
        { HalfBlockBlitter.cells(for: $0, depth: .truecolor).ansiBytes().count }
      ),
      (
        "half blocks 256 dithered → ANSI",
        {
          HalfBlockBlitter.cells(for: $0, depth: .palette256(dithered: true)).ansiBytes().count
        }
      ),
      (
        "quadrants truecolor → ANSI",
        { QuadrantBlitter.cells(for: $0, depth: .truecolor).ansiBytes().count }
      ),
      ("ascii → text", { ASCIIBlitter.cells(for: $0).ansiBytes().count }),
      ("sixel 256 colours", { SixelEncoder().encode($0).count }),
      (
        "sixel 256 colours, Floyd–Steinberg",
        { SixelEncoder(dithering: .floydSteinberg).encode($0).count }
      ),
      ("kitty raw RGB", { KittyImage().draw($0).count }),
    ]
    let clock = ContinuousClock()
    return encoders.map { name, encode in
      var bytes = encode(face)
      var times: [Double] = []
      times.reserveCapacity(iterations)
      for _ in 0..<iterations {
        let start = clock.now
        bytes = encode(face)
        let elapsed = clock.now - start
        times.append(
          Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
      }
      times.sort()
      return Result(name: name, medianMilliseconds: times[times.count / 2], bytes: bytes)
    }
  }
}
