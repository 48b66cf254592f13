/// A transposed 2-D convolution over NCHW batches, as PyTorch's
/// `nn.ConvTranspose2d` (square kernel, no dilation or groups).
///
/// Input `[N, Cin, H, W]`, output `[N, Cout, OH, OW]` with
/// `OH = (H − 1)·s − 2p + k + output_padding`; weight `[Cin, Cout, k, k]`,
/// bias `[Cout]`. It is the adjoint of a Conv2d on the output: one GEMM
/// produces the columns, col2im sums them into the image.
package final class ConvTranspose2d: Layer {
  package let inputChannels: Int
  package let outputChannels: Int
  package let kernel: Int
  package let stride: Int
  package let padding: Int
  package let outputPadding: Int
  package let weight: Parameter
  package let bias: Parameter
  package let parameters: [Parameter]

  private let permutedInput = FloatBuffer()
  private let columns = FloatBuffer()
  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  private var geometry: ConvolutionGeometry?
  private var batch = 0

  /// A layer with PyTorch's default initialisation: U(−1/√fan_in, 1/√fan_in),
  /// where PyTorch takes fan_in from the weight's second dimension: Cout·k·k.
  package init(
    _ inputChannels: Int, _ outputChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    outputPadding: Int = 0, generator: inout SeededGenerator
  ) {
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.outputPadding = outputPadding
    weight = Parameter(name: "weight", shape: [inputChannels, outputChannels, kernel, kernel])
    bias = Parameter(name: "bias", shape: [outputChannels])
    parameters = [weight, bias]
    let bound = 1 / Float(max(outputChannels * kernel * kernel, 1)).squareRoot()
    weight.initializeUniform(bound: bound, using: &generator)
    bias.initializeUniform(bound: bound, using: &generator)
  }

  package var scratchCapacity: Int { permutedInput.capacity + columns.capacity + output.capacity + inputGradient.capacity }

  package var description: String {
    var text =
      "ConvTranspose2d(\(inputChannels), \(outputChannels), kernel_size=\(kernel), stride=\(stride), padding=\(padding)"
    if outputPadding != 0 { text += ", output_padding=\(outputPadding)" }
    return text + ")"
  }

  package func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    guard input.channels == inputChannels else {
      throw ShapeError("\(description) takes \(inputChannels) channels, got \(input)")
    }
    guard outputPadding < stride else {
      throw ShapeError("\(description): output_padding must be smaller than stride")
    }
    let height = (input.height - 1) * stride - 2 * padding + kernel + outputPadding
    let width = (input.width - 1) * stride - 2 * padding + kernel + outputPadding
    guard height > 0, width > 0 else {
      throw ShapeError("\(description): input \(input) gives an empty output")
    }
    return Shape(channels: outputChannels, height: height, width: width)
  }

  package func forward(_ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int)
    -> UnsafeMutablePointer<Float>
  {
    // The transforms are those of the Conv2d that maps this layer's output back to its input.
    let out = (try? outputShape(for: shape)) ?? shape
    let g = ConvolutionGeometry(
      channels: outputChannels, height: out.height, width: out.width, kernel: kernel,
      stride: stride, padding: padding)
    geometry = g
    self.batch = batch
    let p = shape.plane
    let columnCount = batch * p
    let x = permutedInput.reserve(inputChannels * columnCount)
    BlockTranspose.swapOuter(input, a: batch, b: inputChannels, block: p, into: x)
    // cols [Cout·k·k, N·P] = Wᵀ · X   (W stored [Cin, Cout·k·k])
    let cols = columns.reserve(g.columnRows * columnCount)
    BLAS.gemm(transposeA: true, m: g.columnRows, n: columnCount, k: inputChannels, weight.value, x, cols)
    let y = output.reserve(batch * outputChannels * g.height * g.width)
    g.col2im(cols, batch: batch, into: y)
    let plane = g.height * g.width
    for n in 0..<batch {
      for o in 0..<outputChannels {
        let b = bias.value[o]
        let channel = y + (n * outputChannels + o) * plane
        for i in 0..<plane { channel[i] += b }
      }
    }
    return y
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard let g = geometry else { preconditionFailure("ConvTranspose2d.backward before forward") }
    let plane = g.height * g.width
    for o in 0..<outputChannels {
      var sum: Float = 0
      for n in 0..<batch {
        let channel = outputGradient + (n * outputChannels + o) * plane
        for i in 0..<plane { sum += channel[i] }
      }
      bias.gradient[o] = sum
    }
    let p = g.positions
    let columnCount = batch * p
    let dcols = columns.reserve(g.columnRows * columnCount)
    g.im2col(outputGradient, batch: batch, into: dcols)
    // dW [Cin, Cout·k·k] = X · dcolsᵀ
    BLAS.gemm(
      transposeB: true, m: inputChannels, n: g.columnRows, k: columnCount, permutedInput.pointer,
      dcols, weight.gradient)
    guard needsInputGradient else { return nil }
    // dX [Cin, N·P] = W · dcols, then back to [N, Cin, P].
    let dxPermuted = permutedInput.pointer  // forward's permuted input is no longer needed
    BLAS.gemm(m: inputChannels, n: columnCount, k: g.columnRows, weight.value, dcols, dxPermuted)
    let dx = inputGradient.reserve(columnCount * inputChannels)
    BlockTranspose.swapOuter(dxPermuted, a: inputChannels, b: batch, block: p, into: dx)
    return dx
  }
}
