import NeuralCore

/// The arguments of a `Conv2d` or `ConvTranspose2d` layer (dilation 1, one group).
package struct ConvolutionSpec: Hashable, Sendable {
  package var inChannels: Int
  package var outChannels: Int
  /// Kernel rows × columns.
  package var kernel: Size2D
  package var stride: Size2D
  /// Zero rows and columns added on each side of the input (of the output, transposed).
  package var padding: Size2D
  /// Extra rows and columns at the end of a transposed convolution's output; zero for Conv2d.
  package var outputPadding: Size2D
  /// Whether the layer adds a bias (`NAME.bias`, `[out_channels]`).
  package var bias: Bool

  package init(
    inChannels: Int, outChannels: Int, kernel: Size2D, stride: Size2D = Size2D(1),
    padding: Size2D = Size2D(0), outputPadding: Size2D = Size2D(0), bias: Bool = true
  ) {
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.outputPadding = outputPadding
    self.bias = bias
  }

  /// Whether format 1 can state it: square, one stride and padding for both axes, a bias.
  var isFormatOne: Bool {
    [kernel, stride, padding, outputPadding].allSatisfy { $0.height == $0.width } && bias
  }
}
