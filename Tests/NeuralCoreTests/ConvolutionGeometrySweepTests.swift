import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// im2col and col2im on many random geometries, against their definitions at every level.
@Suite("im2col and col2im over random geometries")
struct ConvolutionGeometrySweepTests {
  /// The pixel index (into `[batch, C, H, W]`) that column entry `(row, n, oy, ox)` reads, or
  /// nil in the padding.
  static func source(
    of g: ConvolutionGeometry, row: Int, image n: Int, y oy: Int, x ox: Int
  ) -> Int? {
    let (channel, tap) = (row / g.taps, row % g.taps)
    let (ki, kj) = (tap / g.kernel.width, tap % g.kernel.width)
    let iy = oy * g.stride.height - g.padding.height + ki
    let ix = ox * g.stride.width - g.padding.width + kj
    guard iy >= 0, iy < g.height, ix >= 0, ix < g.width else { return nil }
    return ((n * g.channels + channel) * g.height + iy) * g.width + ix
  }

  /// 1,000 geometries with rectangular kernels of 1–6 taps, strides of 1–4 (also past the
  /// kernel), paddings up to the kernel's size, and images of 1–40 columns and 1–9 rows that
  /// the kernel fits once padded; two images of 1–3 channels. im2col must give every entry its definition's pixel (0 in the
  /// padding); col2im the plain scatter-add of the entries that are not in the padding (NaN
  /// there), plus the bias, within rounding; every level the generic one's bits.
  @Test func randomGeometriesMatchTheDefinition() {
    var random = SeededGenerator(seed: 17)
    var checked = 0
    while checked < 1000 {
      let kernel = Size2D(
        height: Int.random(in: 1...6, using: &random), width: Int.random(in: 1...6, using: &random))
      let stride = Size2D(
        height: Int.random(in: 1...4, using: &random), width: Int.random(in: 1...4, using: &random))
      let padding = Size2D(
        height: Int.random(in: 0...kernel.height, using: &random),
        width: Int.random(in: 0...kernel.width, using: &random))
      let g = ConvolutionGeometry(
        channels: Int.random(in: 1...3, using: &random),
        height: Int.random(in: 1...9, using: &random),
        width: Int.random(in: 1...40, using: &random), kernel: kernel, stride: stride,
        padding: padding)
      // As Conv2d asks: the kernel fits the padded image.
      guard g.height + 2 * padding.height >= kernel.height,
        g.width + 2 * padding.width >= kernel.width
      else { continue }
      checked += 1
      let batch = 2
      let x = randomValues(batch * g.channels * g.height * g.width, seed: UInt64(checked))
      var entries = randomValues(g.columnRows * batch * g.positions, seed: UInt64(1000 + checked))
      let bias = (0..<g.channels).map { Float($0) + 0.5 }
      var expectedColumns = [Float](repeating: 0, count: entries.count)
      var expectedImage = (0..<x.count).map {
        Double(bias[($0 / (g.height * g.width)) % g.channels])
      }
      for row in 0..<g.columnRows {
        for n in 0..<batch {
          for oy in 0..<g.outputHeight {
            for ox in 0..<g.outputWidth {
              let at = row * batch * g.positions + n * g.positions + oy * g.outputWidth + ox
              if let pixel = Self.source(of: g, row: row, image: n, y: oy, x: ox) {
                expectedColumns[at] = x[pixel]
                expectedImage[pixel] += Double(entries[at])
              } else {
                entries[at] = .nan
              }
            }
          }
        }
      }
      var generic: [Float] = []
      for level in KernelLevel.allCases where level.runs(on: .current) {
        let (columns, image) = g.transforms(
          x, entries: entries, batch: batch, bias: bias, level: level)
        let wrong = zip(columns, expectedColumns).filter { $0 != $1 }.count
        #expect(wrong == 0, "im2col \(g) at \(level): \(wrong) entries wrong")
        let worst = zip(image, expectedImage).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worst < 1e-5, "col2im \(g) at \(level): off by \(worst)")
        if level == .generic {
          generic = image
        } else {
          let differing = zip(image, generic).filter { $0.bitPattern != $1.bitPattern }.count
          #expect(
            differing == 0, "col2im \(g) at \(level): \(differing) pixels differ from generic")
        }
      }
    }
  }
}
