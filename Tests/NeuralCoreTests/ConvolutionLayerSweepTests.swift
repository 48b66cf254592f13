import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// Conv2d and ConvTranspose2d forward on many random shapes, against the Double reference:
/// every path a shape can take (the direct convolution, im2col and OpenBLAS, one image's
/// panel or narrow products, col2im's row and table paths) on one and two workers.
@Suite("Convolution layers over random shapes")
struct ConvolutionLayerSweepTests {
  /// A layer's output for `x` (`batch` images of `shape`) on `workers` workers.
  static func run(
    _ layer: some Layer, _ x: [Float], shape: Shape, batch: Int, workers: Int, count: Int
  ) -> [Float] {
    var input = x
    return input.withUnsafeMutableBufferPointer { buffer in
      let y = layer.forward(
        buffer.baseAddress!, shape: shape, batch: batch, threading: Threading(workers: workers))
      return Array(UnsafeBufferPointer(start: y, count: count))
    }
  }

  /// 300 shapes: square kernels of 1–5, strides of 1–3, any padding the kernel allows, 1–12
  /// rows and columns, 1–12 channels each way (so both sides of the direct convolution's
  /// 8-channel limit), 1–3 images.
  @Test func conv2dMatchesTheReference() throws {
    var random = SeededGenerator(seed: 61)
    var checked = 0
    while checked < 300 {
      let (k, s) = (Int.random(in: 1...5, using: &random), Int.random(in: 1...3, using: &random))
      let p = Int.random(in: 0..<k, using: &random)
      let (h, w) = (Int.random(in: 1...12, using: &random), Int.random(in: 1...12, using: &random))
      guard h + 2 * p >= k, w + 2 * p >= k else { continue }
      checked += 1
      let (cin, cout) = (
        Int.random(in: 1...12, using: &random), Int.random(in: 1...12, using: &random)
      )
      let (batch, workers) = (
        Int.random(in: 1...3, using: &random), Int.random(in: 1...2, using: &random)
      )
      let layer = Conv2d(
        cin, cout, kernel: Size2D(k), stride: Size2D(s), padding: Size2D(p),
        generator: &random)
      let shape = Shape(channels: cin, height: h, width: w)
      let x = randomValues(batch * shape.count, seed: UInt64(checked))
      let expected = Reference.conv2d(
        x.map(Double.init), batch: batch, channels: cin, height: h, width: w,
        weight: layer.weight.values.map(Double.init), bias: layer.bias!.values.map(Double.init),
        outChannels: cout, kernel: k, stride: s, padding: p)
      let output = Self.run(
        layer, x, shape: shape, batch: batch, workers: workers, count: expected.y.count)
      let error = maxRelativeError(output, expected.y)
      #expect(
        error < 1e-5, "\(cin)→\(cout) k\(k) s\(s) p\(p) \(h)×\(w) ×\(batch) on \(workers): \(error)"
      )
    }
  }

  /// 300 shapes as for Conv2d, with output paddings below the stride.
  @Test func convTranspose2dMatchesTheReference() throws {
    var random = SeededGenerator(seed: 62)
    var checked = 0
    while checked < 300 {
      let (k, s) = (Int.random(in: 1...5, using: &random), Int.random(in: 1...3, using: &random))
      let p = Int.random(in: 0..<k, using: &random)
      let op = Int.random(in: 0..<s, using: &random)
      let (h, w) = (Int.random(in: 1...12, using: &random), Int.random(in: 1...12, using: &random))
      guard (h - 1) * s - 2 * p + k + op > 0, (w - 1) * s - 2 * p + k + op > 0 else { continue }
      checked += 1
      let (cin, cout) = (
        Int.random(in: 1...12, using: &random), Int.random(in: 1...12, using: &random)
      )
      let (batch, workers) = (
        Int.random(in: 1...3, using: &random), Int.random(in: 1...2, using: &random)
      )
      let layer = ConvTranspose2d(
        cin, cout, kernel: Size2D(k), stride: Size2D(s), padding: Size2D(p),
        outputPadding: Size2D(op), generator: &random)
      let shape = Shape(channels: cin, height: h, width: w)
      let x = randomValues(batch * shape.count, seed: UInt64(500 + checked))
      let expected = Reference.convTranspose2d(
        x.map(Double.init), batch: batch, channels: cin, height: h, width: w,
        weight: layer.weight.values.map(Double.init), bias: layer.bias!.values.map(Double.init),
        outChannels: cout, kernel: k, stride: s, padding: p, outputPadding: op)
      let output = Self.run(
        layer, x, shape: shape, batch: batch, workers: workers, count: expected.y.count)
      let error = maxRelativeError(output, expected.y)
      #expect(
        error < 1e-5,
        "\(cin)→\(cout) k\(k) s\(s) p\(p) op\(op) \(h)×\(w) ×\(batch) on \(workers): \(error)")
    }
  }
}
