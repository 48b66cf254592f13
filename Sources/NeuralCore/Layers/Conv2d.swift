import LatentBasics

/// A 2-D convolution over NCHW batches, as PyTorch's `nn.Conv2d` (no dilation or groups).
///
/// Input `[N, Cin, H, W]`, output `[N, Cout, OH, OW]` with
/// `OH = (H + 2·ph − kh)/sh + 1` and `OW = (W + 2·pw − kw)/sw + 1`; weight
/// `[Cout, Cin, kh, kw]`, bias `[Cout]` (none with `bias: false`).
/// Computed chunk by chunk of images (``BatchChunks``): im2col, then one
/// GEMM `W · columns`; chunks run in parallel on the workers of the ``Threading`` passed to forward.
/// Stride 1 with at most 8 output channels (an image's last layer) goes forward through
/// ``SlidingConvolution`` instead.
package final class Conv2d: Layer {
  package let inputChannels: Int
  package let outputChannels: Int
  /// Kernel rows and columns.
  package let kernel: Size2D
  /// Step between kernel positions, down and across.
  package let stride: Size2D
  /// Zero rows above and below, zero columns left and right.
  package let padding: Size2D
  /// `[Cout, Cin, kh, kw]`.
  package let weight: Parameter
  /// `[Cout]`, or nil for a layer made with `bias: false`.
  package let bias: Parameter?
  package let parameters: [Parameter]

  private var workspaces: [ChunkWorkspace] = []
  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  private var input: UnsafeMutablePointer<Float>?
  private var geometry: ConvolutionGeometry?
  private var chunks = BatchChunks(batch: 1, positions: 1, rows: 1, workers: 1)
  private var workers = 1

  /// A layer with PyTorch's default initialisation: weight and bias from
  /// U(−1/√fan_in, 1/√fan_in), fan_in = Cin·kh·kw (the weight first, then the bias).
  package init(
    _ inputChannels: Int, _ outputChannels: Int, kernel: Size2D, stride: Size2D, padding: Size2D,
    bias: Bool = true, generator: inout SeededGenerator
  ) {
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    weight = Parameter(
      name: "weight", shape: [outputChannels, inputChannels, kernel.height, kernel.width])
    self.bias = bias ? Parameter(name: "bias", shape: [outputChannels]) : nil
    parameters = [weight] + (self.bias.map { [$0] } ?? [])
    let bound = 1 / Float(max(inputChannels * kernel.area, 1)).squareRoot()
    for parameter in parameters { parameter.initializeUniform(bound: bound, using: &generator) }
  }

  /// A square kernel, with the same stride and padding on both axes.
  package convenience init(
    _ inputChannels: Int, _ outputChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    generator: inout SeededGenerator
  ) {
    self.init(
      inputChannels, outputChannels, kernel: Size2D(kernel), stride: Size2D(stride),
      padding: Size2D(padding), generator: &generator)
  }

  package var scratchCapacity: Int {
    workspaces.reduce(output.capacity + inputGradient.capacity) { $0 + $1.capacity }
  }

  package var description: String {
    "Conv2d(\(inputChannels), \(outputChannels), kernel_size=\(kernel.argumentDescription), "
      + "stride=\(stride.argumentDescription), padding=\(padding.argumentDescription)"
      + (bias == nil ? ", bias=False)" : ")")
  }

  private func geometry(for input: Shape) -> ConvolutionGeometry {
    ConvolutionGeometry(
      channels: input.channels, height: input.height, width: input.width, kernel: kernel,
      stride: stride, padding: padding)
  }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape {
    try Self.outputShape(
      for: input, inputChannels: inputChannels, outputChannels: outputChannels, kernel: kernel,
      stride: stride, padding: padding, layer: description)
  }

  /// The output shape of a layer with these arguments, without making one (`layer` names it
  /// in errors): what ``outputShape(for:)`` returns.
  package static func outputShape(
    for input: Shape, inputChannels: Int, outputChannels: Int, kernel: Size2D, stride: Size2D,
    padding: Size2D, layer: @autoclosure () -> String
  ) throws(LatentError) -> Shape {
    guard input.channels == inputChannels else {
      throw LatentError(.configuration, "\(layer()) takes \(inputChannels) channels, got \(input)")
    }
    guard input.height + 2 * padding.height >= kernel.height,
      input.width + 2 * padding.width >= kernel.width
    else {
      throw LatentError(.configuration, "\(layer()): input \(input) is smaller than the kernel")
    }
    let g = ConvolutionGeometry(
      channels: input.channels, height: input.height, width: input.width, kernel: kernel,
      stride: stride, padding: padding)
    return Shape(channels: outputChannels, height: g.outputHeight, width: g.outputWidth)
  }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    let g = geometry(for: shape)
    let workers = threading.workers
    self.workers = workers
    geometry = g
    self.input = input
    chunks = BatchChunks(batch: batch, positions: g.positions, rows: g.columnRows, workers: workers)
    ChunkWorkspace.ensure(&workspaces, workers: workers)
    let p = g.positions
    let inSize = shape.count
    let outSize = outputChannels * p
    let y = output.reserve(batch * outSize)
    if SlidingConvolution.accepts(stride: stride, outputChannels: outputChannels) {
      forwardSliding(input, batch: batch, geometry: g, into: y)
      return y
    }
    let (chunks, workspaces, outputChannels, weight, bias) =
      (chunks, workspaces, outputChannels, weight.value, bias?.value)
    Parallel.forEachChunk(chunks.count, workers: workers) { worker, chunk in
      let images = chunks.images(chunk)
      let n = images.count
      let space = workspaces[worker]
      let cols = space.columns.reserve(g.columnRows * n * p)
      g.im2col(input + images.lowerBound * inSize, batch: n, into: cols)
      let target = y + images.lowerBound * outSize
      // One image: [Cout, P] is already its NCHW block. Several: [Cout, n·P] → [n, Cout, P].
      let z = n == 1 ? target : space.product.reserve(outputChannels * n * p)
      BLAS.gemm(m: outputChannels, n: n * p, k: g.columnRows, weight, cols, z)
      if n > 1 {
        BlockTranspose.swapOuter(z, a: outputChannels, b: n, block: p, into: target, adding: bias)
      } else if let bias {
        BlockTranspose.swapOuter(z, a: outputChannels, b: 1, block: p, into: z, adding: bias)
      }
    }
    return y
  }

  /// Stride 1 and few output channels (a decoder's last layer): ``SlidingConvolution`` on
  /// each image, no im2col. The workers take whole images, or bands of output rows
  /// when there are fewer images than workers.
  private func forwardSliding(
    _ input: UnsafeMutablePointer<Float>, batch: Int, geometry g: ConvolutionGeometry,
    into y: UnsafeMutablePointer<Float>
  ) {
    let oh = g.outputHeight
    let bands = min(batch >= workers ? 1 : (workers + batch - 1) / batch, oh)
    let inSize = g.channels * g.height * g.width
    let outSize = outputChannels * g.positions
    let (workspaces, outputChannels, weight, bias) =
      (workspaces, outputChannels, weight.value, bias?.value)
    Parallel.forEachChunk(batch * bands, workers: workers) { worker, part in
      let (image, band) = part.quotientAndRemainder(dividingBy: bands)
      let rows = (oh * band / bands)..<(oh * (band + 1) / bands)
      let scratch = workspaces[worker].columns.reserve(
        SlidingConvolution.scratchCount(g, rows: rows.count))
      SlidingConvolution.forward(
        input + image * inSize, geometry: g, weight: weight, bias: bias,
        outputChannels: outputChannels, rows: rows, scratch: scratch, into: y + image * outSize)
    }
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard let g = geometry, let input else { preconditionFailure("Conv2d.backward before forward") }
    let p = g.positions
    let inSize = g.channels * g.height * g.width
    let outSize = outputChannels * p
    let workers = min(self.workers, chunks.count)
    let dx = needsInputGradient ? inputGradient.reserve(chunks.batch * inSize) : nil
    let (chunks, workspaces, outputChannels, weight) = (chunks, workspaces, outputChannels, weight)
    let hasBias = bias != nil
    Parallel.forEachChunk(chunks.count, workers: workers) { worker, chunk in
      let images = chunks.images(chunk)
      let n = images.count
      let space = workspaces[worker]
      let first = chunk == worker
      // dY of the chunk as [Cout, n·P].
      let dyChunk = outputGradient + images.lowerBound * outSize
      let dz: UnsafeMutablePointer<Float>
      if n == 1 {
        dz = dyChunk
      } else {
        dz = space.product.reserve(outputChannels * n * p)
        BlockTranspose.swapOuter(dyChunk, a: n, b: outputChannels, block: p, into: dz)
      }
      if hasBias {
        BlockTranspose.channelSums(
          dyChunk, batch: n, channels: outputChannels, plane: p,
          into: space.biasGradient.reserve(outputChannels), accumulate: !first)
      }
      // dW += dZ · colsᵀ, from the chunk's columns computed again.
      let cols = space.columns.reserve(g.columnRows * n * p)
      g.im2col(input + images.lowerBound * inSize, batch: n, into: cols)
      BLAS.gemm(
        transposeB: true, m: outputChannels, n: g.columnRows, k: n * p, dz, cols,
        beta: first ? 0 : 1, space.weightGradient.reserve(weight.count))
      guard let dx else { return }
      // dcols = Wᵀ · dZ, folded back into the chunk's images.
      BLAS.gemm(
        transposeA: true, m: g.columnRows, n: n * p, k: outputChannels, weight.value, dz, cols)
      g.col2im(cols, batch: n, into: dx + images.lowerBound * inSize)
    }
    ChunkWorkspace.reduce(workspaces[0..<workers], into: weight, bias)
    return dx
  }
}
