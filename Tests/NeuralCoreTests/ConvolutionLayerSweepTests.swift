import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// Conv2d and ConvTranspose2d forward on many random shapes, against the Double reference:
/// every path a shape can take (the direct convolution, im2col and OpenBLAS, one image's
/// panel or narrow products, col2im's row and table paths) on one and two workers.
@Suite("Convolution layers over random shapes")
struct ConvolutionLayerSweepTests {
  /// One random case: a square kernel of 1–5 with its stride (1–3) and padding (below the
  /// kernel), an output padding below the stride for a transposed convolution, 1–12 rows and
  /// columns, 1–12 channels each way (so both sides of the direct convolution's 8-channel
  /// limit), 1–3 images, 1–2 workers.
  struct Case: CustomStringConvertible {
    var kernel, stride, padding, outputPadding, height, width: Int
    var inputChannels, outputChannels, batch, workers: Int

    init(using random: inout SeededGenerator, transposed: Bool) {
      kernel = Int.random(in: 1...5, using: &random)
      stride = Int.random(in: 1...3, using: &random)
      padding = Int.random(in: 0..<kernel, using: &random)
      outputPadding = transposed ? Int.random(in: 0..<stride, using: &random) : 0
      height = Int.random(in: 1...12, using: &random)
      width = Int.random(in: 1...12, using: &random)
      inputChannels = Int.random(in: 1...12, using: &random)
      outputChannels = Int.random(in: 1...12, using: &random)
      batch = Int.random(in: 1...3, using: &random)
      workers = Int.random(in: 1...2, using: &random)
    }

    var shape: Shape { Shape(channels: inputChannels, height: height, width: width) }

    var description: String {
      "\(inputChannels)→\(outputChannels) k\(kernel) s\(stride) p\(padding) op\(outputPadding) "
        + "\(height)×\(width) ×\(batch) on \(workers)"
    }
  }

  /// Runs `layer` on `x` for `test` and checks it against `expected`.
  static func check(_ layer: some Layer, _ x: [Float], _ test: Case, expected: [Double]) {
    var input = x
    let output = input.withUnsafeMutableBufferPointer { buffer in
      let y = layer.forward(
        buffer.baseAddress!, shape: test.shape, batch: test.batch,
        threading: Threading(workers: test.workers))
      return Array(UnsafeBufferPointer(start: y, count: expected.count))
    }
    let error = maxRelativeError(output, expected)
    #expect(error < 1e-5, "\(test): \(error)")
  }

  @Test func conv2dMatchesTheReference() {
    var random = SeededGenerator(seed: 61)
    var checked = 0
    while checked < 300 {
      let c = Case(using: &random, transposed: false)
      guard c.height + 2 * c.padding >= c.kernel, c.width + 2 * c.padding >= c.kernel else {
        continue
      }
      checked += 1
      let layer = Conv2d(
        c.inputChannels, c.outputChannels, kernel: Size2D(c.kernel), stride: Size2D(c.stride),
        padding: Size2D(c.padding), generator: &random)
      let x = randomValues(c.batch * c.shape.count, seed: UInt64(checked))
      let expected = Reference.conv2d(
        x.map(Double.init), batch: c.batch, channels: c.inputChannels, height: c.height,
        width: c.width, weight: layer.weight.values.map(Double.init),
        bias: layer.bias!.values.map(Double.init), outChannels: c.outputChannels,
        kernel: c.kernel, stride: c.stride, padding: c.padding)
      Self.check(layer, x, c, expected: expected.y)
    }
  }

  @Test func convTranspose2dMatchesTheReference() {
    var random = SeededGenerator(seed: 62)
    var checked = 0
    while checked < 300 {
      let c = Case(using: &random, transposed: true)
      let reach = c.kernel - 2 * c.padding + c.outputPadding - c.stride
      guard c.height * c.stride + reach > 0, c.width * c.stride + reach > 0 else { continue }
      checked += 1
      let layer = ConvTranspose2d(
        c.inputChannels, c.outputChannels, kernel: Size2D(c.kernel), stride: Size2D(c.stride),
        padding: Size2D(c.padding), outputPadding: Size2D(c.outputPadding), generator: &random)
      let x = randomValues(c.batch * c.shape.count, seed: UInt64(500 + checked))
      let expected = Reference.convTranspose2d(
        x.map(Double.init), batch: c.batch, channels: c.inputChannels, height: c.height,
        width: c.width, weight: layer.weight.values.map(Double.init),
        bias: layer.bias!.values.map(Double.init), outChannels: c.outputChannels,
        kernel: c.kernel, stride: c.stride, padding: c.padding, outputPadding: c.outputPadding)
      Self.check(layer, x, c, expected: expected.y)
    }
  }
}
