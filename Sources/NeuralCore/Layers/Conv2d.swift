/// A 2-D convolution over NCHW batches, as PyTorch's `nn.Conv2d` (square
/// kernel, no dilation or groups).
///
/// Input `[N, Cin, H, W]`, output `[N, Cout, OH, OW]` with
/// `OH = (H + 2p − k)/s + 1`; weight `[Cout, Cin, k, k]`, bias `[Cout]`.
/// Computed as one GEMM over the batch's im2col columns.
package final class Conv2d: Layer {
  package let inputChannels: Int
  package let outputChannels: Int
  package let kernel: Int
  package let stride: Int
  package let padding: Int
  package let weight: Parameter
  package let bias: Parameter
  package let parameters: [Parameter]

  private let columns = FloatBuffer()
  private let product = FloatBuffer()
  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  private var geometry: ConvolutionGeometry?
  private var batch = 0

  /// A layer with PyTorch's default initialisation: U(−1/√fan_in, 1/√fan_in), fan_in = Cin·k·k.
  package init(
    _ inputChannels: Int, _ outputChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    generator: inout SeededGenerator
  ) {
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    weight = Parameter(name: "weight", shape: [outputChannels, inputChannels, kernel, kernel])
    bias = Parameter(name: "bias", shape: [outputChannels])
    parameters = [weight, bias]
    let bound = 1 / Float(max(inputChannels * kernel * kernel, 1)).squareRoot()
    weight.initializeUniform(bound: bound, using: &generator)
    bias.initializeUniform(bound: bound, using: &generator)
  }

  package var scratchCapacity: Int { columns.capacity + product.capacity + output.capacity + inputGradient.capacity }

  package var description: String {
    "Conv2d(\(inputChannels), \(outputChannels), kernel_size=\(kernel), stride=\(stride), padding=\(padding))"
  }

  private func geometry(for input: Shape) -> ConvolutionGeometry {
    ConvolutionGeometry(
      channels: input.channels, height: input.height, width: input.width, kernel: kernel,
      stride: stride, padding: padding)
  }

  package func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    guard input.channels == inputChannels else {
      throw ShapeError("\(description) takes \(inputChannels) channels, got \(input)")
    }
    let g = geometry(for: input)
    guard input.height + 2 * padding >= kernel, input.width + 2 * padding >= kernel else {
      throw ShapeError("\(description): input \(input) is smaller than the kernel")
    }
    return Shape(channels: outputChannels, height: g.outputHeight, width: g.outputWidth)
  }

  package func forward(_ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int)
    -> UnsafeMutablePointer<Float>
  {
    let g = geometry(for: shape)
    geometry = g
    self.batch = batch
    let columnCount = batch * g.positions
    let cols = columns.reserve(g.columnRows * columnCount)
    g.im2col(input, batch: batch, into: cols)
    // [Cout, N·P] = W[Cout, Cin·k·k] · cols
    let z = product.reserve(outputChannels * columnCount)
    BLAS.gemm(m: outputChannels, n: columnCount, k: g.columnRows, weight.value, cols, z)
    // [Cout, N, P] → [N, Cout, P], adding the bias on the way.
    let y = output.reserve(batch * outputChannels * g.positions)
    let p = g.positions
    for o in 0..<outputChannels {
      let b = bias.value[o]
      for n in 0..<batch {
        let source = z + o * columnCount + n * p
        let destination = y + (n * outputChannels + o) * p
        for i in 0..<p { destination[i] = source[i] + b }
      }
    }
    return y
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard let g = geometry else { preconditionFailure("Conv2d.backward before forward") }
    let p = g.positions
    let columnCount = batch * p
    // dY [N, Cout, P] → [Cout, N·P]; db = row sums.
    let dz = product.reserve(outputChannels * columnCount)
    BlockTranspose.swapOuter(outputGradient, a: batch, b: outputChannels, block: p, into: dz)
    for o in 0..<outputChannels {
      let row = dz + o * columnCount
      var sum: Float = 0
      for i in 0..<columnCount { sum += row[i] }
      bias.gradient[o] = sum
    }
    // dW [Cout, Cin·k·k] = dZ · colsᵀ
    BLAS.gemm(
      transposeB: true, m: outputChannels, n: g.columnRows, k: columnCount, dz, columns.pointer,
      weight.gradient)
    guard needsInputGradient else { return nil }
    // dcols = Wᵀ · dZ, then fold back into images.
    let dcols = columns.pointer  // the forward columns are no longer needed
    BLAS.gemm(
      transposeA: true, m: g.columnRows, n: columnCount, k: outputChannels, weight.value, dz, dcols)
    let dx = inputGradient.reserve(batch * g.channels * g.height * g.width)
    g.col2im(dcols, batch: batch, into: dx)
    return dx
  }
}
