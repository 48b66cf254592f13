import LatentBasics

/// A transposed 2-D convolution over NCHW batches, as PyTorch's
/// `nn.ConvTranspose2d` (no dilation or groups).
///
/// Input `[N, Cin, H, W]`, output `[N, Cout, OH, OW]` with
/// `OH = (H − 1)·sh − 2·ph + kh + oph` (`OW` likewise from the column values);
/// weight `[Cin, Cout, kh, kw]`, bias `[Cout]` (none with `bias: false`).
/// It is the adjoint of a Conv2d on the output: per chunk of
/// images one GEMM makes the columns and col2im sums them into the images.
/// One image alone (decoding a face) multiplies by the weight kept in
/// ``PanelProduct`` or ``NarrowProduct`` panels instead of calling OpenBLAS.
package final class ConvTranspose2d: Layer {
  package let inputChannels: Int
  package let outputChannels: Int
  /// Kernel rows and columns.
  package let kernel: Size2D
  /// Step between the input's pixels in the output, down and across.
  package let stride: Size2D
  /// Rows and columns cut from each side of the full output.
  package let padding: Size2D
  /// Rows added at the bottom and columns at the right of the output (each below its stride).
  package let outputPadding: Size2D
  /// `[Cin, Cout, kh, kw]`.
  package let weight: Parameter
  /// `[Cout]`, or nil for a layer made with `bias: false`.
  package let bias: Parameter?
  package let parameters: [Parameter]

  private var workspaces: [ChunkWorkspace] = []
  /// Per worker: the chunk's input as `[Cin, n·P]`.
  private var permutedInputs: [FloatBuffer] = []
  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  private var input: UnsafeMutablePointer<Float>?
  private var geometry: ConvolutionGeometry?
  private var chunks = BatchChunks(batch: 1, positions: 1, rows: 1, workers: 1)
  /// Wᵀ (`[Cout·kh·kw, Cin]`) as panels for decoding one image, made again when the weight changes.
  private let weightPanels = FloatBuffer()
  private var weightPanelsVersion: Int?
  /// Wᵀ in ``NarrowProduct`` panels, for one image of few pixels, made again when the weight changes.
  private let narrowPanels = FloatBuffer()
  private var narrowPanelsVersion: Int?
  /// The image's `[Cin, P]` values in 16-column blocks (panels) or padded to a multiple of 4
  /// columns (``NarrowProduct``), for the one-image product.
  private let packedInput = FloatBuffer()
  private var workers = 1

  /// A layer with PyTorch's default initialisation: weight and bias from
  /// U(−1/√fan_in, 1/√fan_in), where PyTorch takes fan_in from the weight's second
  /// dimension: Cout·kh·kw (the weight first, then the bias).
  package init(
    _ inputChannels: Int, _ outputChannels: Int, kernel: Size2D, stride: Size2D, padding: Size2D,
    outputPadding: Size2D, bias: Bool = true, generator: inout SeededGenerator
  ) {
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.outputPadding = outputPadding
    weight = Parameter(
      name: "weight", shape: [inputChannels, outputChannels, kernel.height, kernel.width])
    self.bias = bias ? Parameter(name: "bias", shape: [outputChannels]) : nil
    parameters = [weight] + (self.bias.map { [$0] } ?? [])
    let bound = 1 / Float(max(outputChannels * kernel.area, 1)).squareRoot()
    for parameter in parameters { parameter.initializeUniform(bound: bound, using: &generator) }
  }

  /// A square kernel, with the same stride, padding and output padding on both axes.
  package convenience init(
    _ inputChannels: Int, _ outputChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    outputPadding: Int = 0, generator: inout SeededGenerator
  ) {
    self.init(
      inputChannels, outputChannels, kernel: Size2D(kernel), stride: Size2D(stride),
      padding: Size2D(padding), outputPadding: Size2D(outputPadding), generator: &generator)
  }

  package var scratchCapacity: Int {
    workspaces.reduce(
      output.capacity + inputGradient.capacity + weightPanels.capacity + narrowPanels.capacity
        + packedInput.capacity
    ) {
      $0 + $1.capacity
    }
      + permutedInputs.reduce(0) { $0 + $1.capacity }
  }

  package var description: String {
    var text =
      "ConvTranspose2d(\(inputChannels), \(outputChannels), "
      + "kernel_size=\(kernel.argumentDescription), stride=\(stride.argumentDescription), "
      + "padding=\(padding.argumentDescription)"
    if outputPadding != Size2D(0) {
      text += ", output_padding=\(outputPadding.argumentDescription)"
    }
    if bias == nil { text += ", bias=False" }
    return text + ")"
  }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape {
    try Self.outputShape(
      for: input, inputChannels: inputChannels, outputChannels: outputChannels, kernel: kernel,
      stride: stride, padding: padding, outputPadding: outputPadding, layer: description)
  }

  /// The output shape of a layer with these arguments, without making one (`layer` names it
  /// in errors): what ``outputShape(for:)`` returns.
  package static func outputShape(
    for input: Shape, inputChannels: Int, outputChannels: Int, kernel: Size2D, stride: Size2D,
    padding: Size2D, outputPadding: Size2D, layer: @autoclosure () -> String
  ) throws(LatentError) -> Shape {
    guard input.channels == inputChannels else {
      throw LatentError(.configuration, "\(layer()) takes \(inputChannels) channels, got \(input)")
    }
    guard outputPadding.height < stride.height, outputPadding.width < stride.width else {
      throw LatentError(.configuration, "\(layer()): output_padding must be smaller than stride")
    }
    let height =
      (input.height - 1) * stride.height - 2 * padding.height + kernel.height
      + outputPadding.height
    let width =
      (input.width - 1) * stride.width - 2 * padding.width + kernel.width + outputPadding.width
    guard height > 0, width > 0 else {
      throw LatentError(.configuration, "\(layer()): input \(input) gives an empty output")
    }
    return Shape(channels: outputChannels, height: height, width: width)
  }

  /// The chunk's input as `[Cin, n·P]`: the input itself for one image, else a permuted copy.
  private func permuted(
    _ x: UnsafeMutablePointer<Float>, images n: Int, plane p: Int, worker: Int
  ) -> UnsafeMutablePointer<Float> {
    guard n > 1 else { return x }
    let copy = permutedInputs[worker].reserve(inputChannels * n * p)
    BlockTranspose.swapOuter(x, a: n, b: inputChannels, block: p, into: copy)
    return copy
  }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    // The transforms are those of the Conv2d that maps this layer's output back to its input.
    let out = (try? outputShape(for: shape)) ?? shape
    let g = ConvolutionGeometry(
      channels: outputChannels, height: out.height, width: out.width, kernel: kernel,
      stride: stride, padding: padding)
    let workers = threading.workers
    self.workers = workers
    geometry = g
    self.input = input
    let p = shape.plane
    chunks = BatchChunks(batch: batch, positions: p, rows: g.columnRows, workers: workers)
    ChunkWorkspace.ensure(&workspaces, workers: workers)
    while permutedInputs.count < workers { permutedInputs.append(FloatBuffer()) }
    let inSize = shape.count
    let plane = g.height * g.width
    let outSize = outputChannels * plane
    let y = output.reserve(batch * outSize)
    if batch == 1 || chunks.count < workers {
      forwardSplittingChannels(input, plane: p, geometry: g, into: y)
      return y
    }
    let (chunks, workspaces, inputChannels, weight, bias) =
      (chunks, workspaces, inputChannels, weight.value, bias?.value)
    Parallel.forEachChunk(chunks.count, workers: workers) { worker, chunk in
      let images = chunks.images(chunk)
      let n = images.count
      let x = permuted(input + images.lowerBound * inSize, images: n, plane: p, worker: worker)
      // cols [Cout·k·k, n·P] = Wᵀ · X   (W stored [Cin, Cout·k·k])
      let cols = workspaces[worker].columns.reserve(g.columnRows * n * p)
      BLAS.gemm(transposeA: true, m: g.columnRows, n: n * p, k: inputChannels, weight, x, cols)
      let target = y + images.lowerBound * outSize
      g.col2im(cols, batch: n, into: target, bias: bias)
    }
    return y
  }

  /// Wᵀ (`[Cout·kh·kw, Cin]`) in ``PanelProduct`` panels, from the current weight
  /// (`[Cin, Cout·kh·kw]`), made again only when the weight has changed since.
  private func currentWeightPanels() -> UnsafeMutablePointer<Float> {
    packed(
      into: weightPanels, version: &weightPanelsVersion, panelRows: PanelProduct.panelRows,
      pack: PanelProduct.packTransposed)
  }

  /// Wᵀ in ``NarrowProduct`` panels, made again only when the weight has changed since.
  private func currentNarrowPanels() -> UnsafeMutablePointer<Float> {
    packed(
      into: narrowPanels, version: &narrowPanelsVersion, panelRows: NarrowProduct.panelRows,
      pack: NarrowProduct.packTransposed)
  }

  /// Wᵀ packed by `pack` into `buffer` in panels of `panelRows` rows (the last padded), when
  /// `version` is not the weight's; `version` then becomes it.
  private func packed(
    into buffer: FloatBuffer, version: inout Int?, panelRows: Int,
    pack: (UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<Float>) -> Void
  ) -> UnsafeMutablePointer<Float> {
    let rows = outputChannels * kernel.area
    let panels = buffer.reserve((rows + panelRows - 1) / panelRows * panelRows * inputChannels)
    if version != weight.version {
      pack(weight.value, inputChannels, rows, panels)
      version = weight.version
    }
    return panels
  }

  /// One image (decoding a single face), on one worker or several: each worker makes
  /// the columns of its share of the output channels and folds them in. The columns are
  /// Wᵀ·X, from the weight's panels when the image has a multiple of 16 pixels (every
  /// conv model's decoder), else from its ``NarrowProduct`` panels (a decoder's first
  /// layer on 2×2 pixels); either is packed once per weight version, never per call.
  private func forwardSplittingChannels(
    _ input: UnsafeMutablePointer<Float>, plane p: Int, geometry g: ConvolutionGeometry,
    into y: UnsafeMutablePointer<Float>
  ) {
    let workers = self.workers
    let kk = kernel.area
    let outPlane = g.height * g.width
    let usePanels = PanelProduct.accepts(columns: p)
    let panels = usePanels ? currentWeightPanels() : currentNarrowPanels()
    let packedInput = self.packedInput.reserve(
      inputChannels * (usePanels ? p : NarrowProduct.paddedColumns(p)))
    if usePanels {
      PanelProduct.packColumns(input, k: inputChannels, n: p, into: packedInput)
    } else {
      NarrowProduct.padColumns(input, k: inputChannels, n: p, into: packedInput)
    }
    let (workspaces, inputChannels, outputChannels, bias) =
      (workspaces, inputChannels, outputChannels, bias?.value)
    Parallel.forEachChunk(workers, workers: workers) { worker, share in
      let first = outputChannels * share / workers
      let last = outputChannels * (share + 1) / workers
      guard first < last else { return }
      let part = ConvolutionGeometry(
        channels: last - first, height: g.height, width: g.width, kernel: kernel, stride: stride,
        padding: padding)
      // Rows first·kh·kw ..< last·kh·kw of Wᵀ: the whole panels that hold
      // them, the part's columns starting `skipped` rows into the product.
      let perPanel = usePanels ? PanelProduct.panelRows : NarrowProduct.panelRows
      let range = (first * kk / perPanel)..<((last * kk + perPanel - 1) / perPanel)
      let product = workspaces[worker].columns.reserve(range.count * perPanel * p)
      if usePanels {
        PanelProduct.multiply(
          panels, panels: range, k: inputChannels, packedColumns: packedInput, n: p,
          into: product)
      } else {
        NarrowProduct.multiply(
          panels, panels: range, k: inputChannels, paddedColumns: packedInput, n: p,
          into: product)
      }
      let skipped = first * kk - range.lowerBound * perPanel
      let cols = product + skipped * p
      part.col2im(cols, batch: 1, into: y + first * outPlane, bias: bias.map { $0 + first })
    }
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard let g = geometry, let input else {
      preconditionFailure("ConvTranspose2d.backward before forward")
    }
    let p = g.positions
    let inSize = inputChannels * p
    let plane = g.height * g.width
    let outSize = outputChannels * plane
    let workers = min(self.workers, chunks.count)
    let dx = needsInputGradient ? inputGradient.reserve(chunks.batch * inSize) : nil
    let (chunks, workspaces, inputChannels, outputChannels, weight) =
      (chunks, workspaces, inputChannels, outputChannels, weight)
    let hasBias = bias != nil
    Parallel.forEachChunk(chunks.count, workers: workers) { worker, chunk in
      let images = chunks.images(chunk)
      let n = images.count
      let space = workspaces[worker]
      let first = chunk == worker
      let dy = outputGradient + images.lowerBound * outSize
      if hasBias {
        BlockTranspose.channelSums(
          dy, batch: n, channels: outputChannels, plane: plane,
          into: space.biasGradient.reserve(outputChannels), accumulate: !first)
      }
      let dcols = space.columns.reserve(g.columnRows * n * p)
      g.im2col(dy, batch: n, into: dcols)
      // dW [Cin, Cout·k·k] += X · dcolsᵀ
      let x = permuted(input + images.lowerBound * inSize, images: n, plane: p, worker: worker)
      BLAS.gemm(
        transposeB: true, m: inputChannels, n: g.columnRows, k: n * p, x, dcols,
        beta: first ? 0 : 1, space.weightGradient.reserve(weight.count))
      guard let dx else { return }
      // dX [Cin, n·P] = W · dcols, then back to [n, Cin, P].
      let target = dx + images.lowerBound * inSize
      let dxColumns = n == 1 ? target : space.product.reserve(inputChannels * n * p)
      BLAS.gemm(m: inputChannels, n: n * p, k: g.columnRows, weight.value, dcols, dxColumns)
      if n > 1 {
        BlockTranspose.swapOuter(dxColumns, a: inputChannels, b: n, block: p, into: target)
      }
    }
    ChunkWorkspace.reduce(workspaces[0..<workers], into: weight, bias)
    return dx
  }
}
