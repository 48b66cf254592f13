import NeuralCore
import ReferenceModels
import Testing

@Suite("im2col and col2im")
struct ConvolutionGeometryTests {
  /// col2im must be the adjoint of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩.
  @Test(arguments: [(3, 1, 1), (4, 2, 1), (3, 2, 0), (5, 3, 2)])
  func col2imIsTheAdjoint(kernel: Int, stride: Int, padding: Int) {
    let g = ConvolutionGeometry(
      channels: 2, height: 7, width: 6, kernel: kernel, stride: stride, padding: padding)
    let batch = 3
    let x = randomValues(batch * 2 * 7 * 6, seed: 1)
    let c = randomValues(g.columnRows * batch * g.positions, seed: 2)
    var columns = [Float](repeating: .nan, count: c.count)
    var image = [Float](repeating: .nan, count: x.count)
    x.withUnsafeBufferPointer { xp in
      columns.withUnsafeMutableBufferPointer {
        g.im2col(xp.baseAddress!, batch: batch, into: $0.baseAddress!)
      }
    }
    c.withUnsafeBufferPointer { cp in
      image.withUnsafeMutableBufferPointer {
        g.col2im(cp.baseAddress!, batch: batch, into: $0.baseAddress!)
      }
    }
    let left = zip(columns, c).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let right = zip(x, image).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    #expect(abs(left - right) < 1e-3)
    #expect(!columns.contains { $0.isNaN })
  }

  /// im2col against its definition, and col2im as its adjoint, on narrow and wide rows
  /// (the stride-2 rows of 16 or more values take the vector path), odd and even widths,
  /// and paddings up to and past the kernel's reach.
  @Test(arguments: [
    (4, 2, 1, 41), (3, 2, 0, 41), (5, 2, 2, 41), (4, 2, 1, 16), (4, 2, 1, 33), (4, 2, 3, 5),
    (3, 1, 1, 17), (2, 1, 0, 9), (5, 3, 2, 23), (4, 3, 0, 7), (1, 1, 0, 6), (4, 4, 2, 19),
  ])
  func im2colMatchesItsDefinition(kernel: Int, stride: Int, padding: Int, width: Int) {
    let (height, channels, batch) = (9, 2, 2)
    let g = ConvolutionGeometry(
      channels: channels, height: height, width: width, kernel: kernel, stride: stride,
      padding: padding)
    let x = randomValues(batch * channels * height * width, seed: 5)
    var columns = [Float](repeating: .nan, count: g.columnRows * batch * g.positions)
    x.withUnsafeBufferPointer { xp in
      columns.withUnsafeMutableBufferPointer {
        g.im2col(xp.baseAddress!, batch: batch, into: $0.baseAddress!)
      }
    }
    var wrong = 0
    for row in 0..<g.columnRows {
      for n in 0..<batch {
        for oy in 0..<g.outputHeight {
          for ox in 0..<g.outputWidth {
            let pixel = ConvolutionGeometrySweepTests.source(
              of: g, row: row, image: n, y: oy, x: ox)
            let got = columns[row * batch * g.positions + n * g.positions + oy * g.outputWidth + ox]
            if got != pixel.map({ x[$0] }) ?? 0 { wrong += 1 }
          }
        }
      }
    }
    #expect(wrong == 0)
    let c = randomValues(columns.count, seed: 6)
    var image = [Float](repeating: .nan, count: x.count)
    c.withUnsafeBufferPointer { cp in
      image.withUnsafeMutableBufferPointer {
        g.col2im(cp.baseAddress!, batch: batch, into: $0.baseAddress!)
      }
    }
    let left = zip(columns, c).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let right = zip(x, image).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    #expect(abs(left - right) < 1e-3)
    #expect(!image.contains { $0.isNaN })
    // With a bias per channel, every pixel of channel c gains bias[c].
    let bias = (0..<channels).map { Float($0) * 0.5 - 0.25 }
    var biased = [Float](repeating: .nan, count: x.count)
    c.withUnsafeBufferPointer { cp in
      biased.withUnsafeMutableBufferPointer {
        g.col2im(cp.baseAddress!, batch: batch, into: $0.baseAddress!, bias: bias)
      }
    }
    var offBias = 0
    for i in 0..<x.count {
      let channel = (i / (height * width)) % channels
      if abs(biased[i] - (image[i] + bias[channel])) > 1e-6 { offBias += 1 }
    }
    #expect(offBias == 0)
  }

  /// CKernels' im2col and col2im at every level this CPU runs, on rows with and without whole
  /// 16- and 32-value vectors, on outputs under 8 columns wide (the table path) and on rows
  /// too wide for the kernels' scratch on the stack (5,000 and 9,000 values): im2col
  /// copies exactly the generic level's values; col2im adds the same values in the same
  /// order, so it gives the same bits, ignores the entries that lie in the padding (NaN
  /// here), and matches a plain scatter-add of every column entry into its pixel (in
  /// Double) within rounding.
  @Test(arguments: [
    (4, 2, 1, 64), (4, 2, 1, 32), (4, 2, 1, 47), (3, 1, 1, 35), (5, 2, 2, 70), (4, 3, 1, 29),
    (4, 2, 1, 8), (3, 1, 1, 5), (4, 2, 1, 13), (5, 2, 2, 6), (3, 2, 1, 16), (1, 2, 0, 9),
    (2, 3, 1, 20), (3, 1, 1, 5000), (4, 2, 1, 9000),
  ])
  func everyLevelGivesTheGenericValues(kernel: Int, stride: Int, padding: Int, width: Int) {
    let (height, channels, batch) = (6, 3, 2)
    let g = ConvolutionGeometry(
      channels: channels, height: height, width: width, kernel: kernel, stride: stride,
      padding: padding)
    let x = randomValues(batch * channels * height * width, seed: 11)
    // Column entries that im2col reads from the padding belong to no pixel: NaN there must
    // not reach the image (col2im reads whole vectors and drops those lanes).
    var c = randomValues(g.columnRows * batch * g.positions, seed: 12)
    var padded = 0
    for row in 0..<g.columnRows {
      let (ki, kj) = ((row / kernel) % kernel, row % kernel)
      for n in 0..<batch {
        for oy in 0..<g.outputHeight {
          for ox in 0..<g.outputWidth {
            let iy = oy * stride - padding + ki
            let ix = ox * stride - padding + kj
            guard iy < 0 || iy >= height || ix < 0 || ix >= width else { continue }
            c[row * batch * g.positions + n * g.positions + oy * g.outputWidth + ox] = .nan
            padded += 1
          }
        }
      }
    }
    #expect(padded > 0 || padding == 0)
    let bias = (0..<channels).map { Float($0) - 0.75 }
    func run(_ level: KernelLevel) -> (columns: [Float], image: [Float]) {
      g.transforms(x, entries: c, batch: batch, bias: bias, level: level)
    }
    // The plain scatter-add: column entry (row, n, oy, ox) goes to the pixel it was read from.
    var reference = (0..<x.count).map { Double(bias[($0 / (height * width)) % channels]) }
    for ch in 0..<channels {
      for ki in 0..<kernel {
        for kj in 0..<kernel {
          for n in 0..<batch {
            for oy in 0..<g.outputHeight {
              for ox in 0..<g.outputWidth {
                let iy = oy * stride - padding + ki
                let ix = ox * stride - padding + kj
                guard iy >= 0, iy < height, ix >= 0, ix < width else { continue }
                let row = (ch * kernel + ki) * kernel + kj
                reference[((n * channels + ch) * height + iy) * width + ix] += Double(
                  c[row * batch * g.positions + n * g.positions + oy * g.outputWidth + ox])
              }
            }
          }
        }
      }
    }
    let generic = run(.generic)
    #expect(!generic.image.contains { $0.isNaN })
    let worst = zip(generic.image, reference).map { abs(Double($0) - $1) }.max() ?? .infinity
    #expect(worst < 1e-5)
    for level in KernelLevel.allCases where level != .generic && level.runs(on: .current) {
      let other = run(level)
      #expect(other.columns == generic.columns, "\(level)")
      #expect(other.image == generic.image, "\(level)")
    }
  }

  /// Every column entry is the input pixel the tap sees, or 0 in the padding.
  @Test func im2colPicksTheRightPixels() {
    let g = ConvolutionGeometry(channels: 1, height: 3, width: 3, kernel: 2, stride: 1, padding: 1)
    let x: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    var columns = [Float](repeating: -1, count: g.columnRows * g.positions)
    x.withUnsafeBufferPointer { xp in
      columns.withUnsafeMutableBufferPointer {
        g.im2col(xp.baseAddress!, batch: 1, into: $0.baseAddress!)
      }
    }
    #expect(g.outputHeight == 4 && g.outputWidth == 4)
    // Tap (0, 0) at output (i, j) reads input (i − 1, j − 1).
    #expect(Array(columns[0..<16]) == [0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9])
    // Tap (1, 1) reads input (i, j).
    #expect(Array(columns[48..<64]) == [1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 0])
  }
}

extension ConvolutionGeometry {
  /// im2col of the images `x` and col2im of the column entries `entries` (plus `bias`), for
  /// `batch` images at `level`; the outputs start as NaN, so a value left unwritten shows.
  func transforms(
    _ x: [Float], entries: [Float], batch: Int, bias: [Float], level: KernelLevel
  ) -> (columns: [Float], image: [Float]) {
    var columns = [Float](repeating: .nan, count: entries.count)
    var image = [Float](repeating: .nan, count: x.count)
    x.withUnsafeBufferPointer { xp in
      columns.withUnsafeMutableBufferPointer {
        im2col(xp.baseAddress!, batch: batch, into: $0.baseAddress!, level: level)
      }
    }
    entries.withUnsafeBufferPointer { cp in
      image.withUnsafeMutableBufferPointer {
        col2im(cp.baseAddress!, batch: batch, into: $0.baseAddress!, bias: bias, level: level)
      }
    }
    return (columns, image)
  }
}
