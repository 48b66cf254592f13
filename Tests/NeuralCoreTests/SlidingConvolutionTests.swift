import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// A Conv2d case: the convolution, and its channels.
struct ChannelConvolutionCase: Sendable, CustomTestStringConvertible {
  var convolution: ConvolutionCase
  var inputChannels: Int
  var outputChannels: Int

  var testDescription: String {
    "\(inputChannels)→\(outputChannels) \(convolution.testDescription)"
  }
}

/// Conv2d with stride 1 and at most 8 output channels goes forward through
/// ``SlidingConvolution``; other strides and more channels through im2col and OpenBLAS.
@Suite("Conv2d with few output channels")
struct SlidingConvolutionTests {
  static func conv(
    _ inputChannels: Int, _ outputChannels: Int, kernel: Size2D, stride: Int = 1, padding: Int,
    batch: Int = 1, workers: Int, size: Size2D, bias: Bool = true
  ) -> ChannelConvolutionCase {
    ChannelConvolutionCase(
      convolution: ConvolutionCase(
        kernel: kernel, stride: Size2D(stride), padding: Size2D(padding), bias: bias,
        batch: batch, workers: workers, size: size),
      inputChannels: inputChannels, outputChannels: outputChannels)
  }

  /// Rows narrower than a 16-pixel block, wider ones not a multiple of it (the last block
  /// overlaps), 1–4 and 5–8 channels (one or two channel groups), row bands on 2 workers,
  /// and cases that stay on im2col (9 channels, stride 2).
  static let cases: [ChannelConvolutionCase] = [
    conv(32, 3, kernel: Size2D(3), padding: 1, workers: 1, size: Size2D(height: 64, width: 64)),
    conv(32, 3, kernel: Size2D(3), padding: 1, workers: 2, size: Size2D(height: 64, width: 64)),
    conv(5, 1, kernel: Size2D(3), padding: 0, workers: 1, size: Size2D(height: 9, width: 11)),
    conv(4, 3, kernel: Size2D(5), padding: 2, workers: 2, size: Size2D(height: 7, width: 37)),
    conv(
      3, 5, kernel: Size2D(height: 1, width: 3), padding: 1, workers: 2,
      size: Size2D(height: 6, width: 20), bias: false),
    conv(
      6, 8, kernel: Size2D(5), padding: 1, batch: 3, workers: 2, size: Size2D(height: 8, width: 17)),
    conv(2, 8, kernel: Size2D(3), padding: 2, workers: 2, size: Size2D(height: 1, width: 5)),
    conv(
      7, 1, kernel: Size2D(height: 1, width: 3), padding: 0, batch: 2, workers: 1,
      size: Size2D(height: 3, width: 33)),
    conv(4, 9, kernel: Size2D(3), padding: 1, workers: 2, size: Size2D(height: 6, width: 20)),
    conv(
      4, 3, kernel: Size2D(3), stride: 2, padding: 1, workers: 1, size: Size2D(height: 8, width: 20)
    ),
  ]

  @Test(arguments: cases)
  func forwardMatchesNestedLoops(_ test: ChannelConvolutionCase) throws {
    let c = test.convolution
    var generator = SeededGenerator(seed: 51)
    let layer = Conv2d(
      test.inputChannels, test.outputChannels, kernel: c.kernel, stride: c.stride,
      padding: c.padding, bias: c.bias, generator: &generator)
    let shape = Shape(channels: test.inputChannels, height: c.size.height, width: c.size.width)
    var x = randomValues(c.batch * shape.count, seed: 52)
    let expected = DirectConvolution.conv2d(
      x.map(Double.init), batch: c.batch, channels: test.inputChannels, size: c.size,
      weight: layer.weight.values.map(Double.init),
      bias: layer.bias?.values.map(Double.init) ?? [], outChannels: test.outputChannels, c)
    let count = try layer.outputShape(for: shape).count * c.batch
    let output = x.withUnsafeMutableBufferPointer { buffer in
      let y = layer.forward(
        buffer.baseAddress!, shape: shape, batch: c.batch,
        threading: Threading(workers: c.workers))
      return Array(UnsafeBufferPointer(start: y, count: count))
    }
    #expect(output.count == expected.count)
    #expect(maxRelativeError(output, expected) < 1e-5)
  }

  @Test func takesStrideOneWithAtMostEightOutputChannels() {
    #expect(SlidingConvolution.accepts(stride: Size2D(1), outputChannels: 8))
    #expect(SlidingConvolution.accepts(stride: Size2D(1), outputChannels: 1))
    #expect(!SlidingConvolution.accepts(stride: Size2D(1), outputChannels: 9))
    #expect(!SlidingConvolution.accepts(stride: Size2D(height: 1, width: 2), outputChannels: 3))
  }
}
