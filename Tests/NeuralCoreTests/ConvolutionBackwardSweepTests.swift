import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// Conv2d and ConvTranspose2d forward and backward (output, input gradient, weight and bias
/// gradients) on many random shapes, against their definitions in Double: chunks of one or
/// several images, on one or two workers (whose weight gradients are summed), col2im's row
/// and table paths, Conv2d's direct (sliding) forward, and one image's panel and narrow
/// products in ConvTranspose2d. The fixed-shape gradient tests
/// check the same against finite differences on three shapes each.
@Suite("Convolution layers forward and backward over random shapes")
struct ConvolutionBackwardSweepTests {
  /// One random case: a square kernel of 1–5 with its stride (1–3) and padding (below the
  /// kernel), an output padding below the stride for a transposed convolution, 1–12 rows and
  /// columns, 1–12 channels each way, 1–4 images, 1–2 workers. A `large` case has a 4–5
  /// kernel at stride 1, 14–20 rows and columns and 10–12 channels each way, so that its
  /// column matrices are cut into several chunks per worker.
  struct Case: CustomStringConvertible {
    var kernel, stride, padding, outputPadding, height, width: Int
    var inputChannels, outputChannels, batch, workers: Int

    init(using random: inout SeededGenerator, transposed: Bool, large: Bool = false) {
      kernel = Int.random(in: large ? 4...5 : 1...5, using: &random)
      stride = large ? 1 : Int.random(in: 1...3, using: &random)
      padding = Int.random(in: 0..<kernel, using: &random)
      outputPadding = transposed ? Int.random(in: 0..<stride, using: &random) : 0
      let sizes = large ? 14...20 : 1...12
      let channels = large ? 10...12 : 1...12
      height = Int.random(in: sizes, using: &random)
      width = Int.random(in: sizes, using: &random)
      inputChannels = Int.random(in: channels, using: &random)
      outputChannels = Int.random(in: channels, using: &random)
      batch = Int.random(in: large ? 3...4 : 1...4, using: &random)
      workers = Int.random(in: 1...2, using: &random)
    }

    var shape: Shape { Shape(channels: inputChannels, height: height, width: width) }

    var description: String {
      "\(inputChannels)→\(outputChannels) k\(kernel) s\(stride) p\(padding) op\(outputPadding) "
        + "\(height)×\(width) ×\(batch) on \(workers)"
    }
  }

  /// What a layer computed, or what its definition gives.
  struct Pass<Value> {
    var output, inputGradient, weightGradient, biasGradient: [Value]
  }

  /// Every kernel tap between a large image (`big`) and a small one (`small`), each given as
  /// channels × height × width: small pixel
  /// (y, x) sees big pixel (y·stride − padding + ki, x·stride − padding + kj) when that lies in
  /// the image. `body` gets the big and small value's index in the batch, their channels and
  /// the tap (ki·kernel + kj).
  static func forEachTap(
    batch: Int, big: (channels: Int, height: Int, width: Int),
    small: (channels: Int, height: Int, width: Int), kernel: Int, stride: Int, padding: Int,
    _ body: (
      _ bigIndex: Int, _ smallIndex: Int, _ bigChannel: Int, _ smallChannel: Int,
      _ tap: Int
    ) -> Void
  ) {
    for n in 0..<batch {
      for s in 0..<small.channels {
        for y in 0..<small.height {
          for x in 0..<small.width {
            let smallIndex = ((n * small.channels + s) * small.height + y) * small.width + x
            for b in 0..<big.channels {
              for ki in 0..<kernel {
                let by = y * stride - padding + ki
                guard by >= 0, by < big.height else { continue }
                for kj in 0..<kernel {
                  let bx = x * stride - padding + kj
                  guard bx >= 0, bx < big.width else { continue }
                  let bigIndex = ((n * big.channels + b) * big.height + by) * big.width + bx
                  body(bigIndex, smallIndex, b, s, ki * kernel + kj)
                }
              }
            }
          }
        }
      }
    }
  }

  /// What a layer's definition gives for input `x`, upstream gradient `upstream`, `weight` and
  /// `bias` (one per output channel of `outputPlane` values), from the weight taps that
  /// `taps` passes to `add` as (input index, output index, weight index).
  static func definition(
    x: [Float], upstream g: [Float], weight w: [Float], bias: [Float], outputPlane: Int,
    taps: ((_ input: Int, _ output: Int, _ weight: Int) -> Void) -> Void
  ) -> Pass<Double> {
    var pass = Pass<Double>(
      output: [Double](repeating: 0, count: g.count),
      inputGradient: [Double](repeating: 0, count: x.count),
      weightGradient: [Double](repeating: 0, count: w.count),
      biasGradient: [Double](repeating: 0, count: bias.count))
    taps { input, output, weight in
      pass.output[output] += Double(w[weight]) * Double(x[input])
      pass.inputGradient[input] += Double(w[weight]) * Double(g[output])
      pass.weightGradient[weight] += Double(g[output]) * Double(x[input])
    }
    for i in g.indices {
      let channel = i / outputPlane % bias.count
      pass.output[i] += Double(bias[channel])
      pass.biasGradient[channel] += Double(g[i])
    }
    return pass
  }

  /// Runs `layer` forward on `x` and backward from `upstream`.
  static func run(_ layer: some Layer, _ x: [Float], _ test: Case, upstream: [Float])
    -> Pass<Float>
  {
    var input = x
    var g = upstream
    return input.withUnsafeMutableBufferPointer { xp in
      let y = layer.forward(
        xp.baseAddress!, shape: test.shape, batch: test.batch,
        threading: Threading(workers: test.workers))
      let output = Array(UnsafeBufferPointer(start: y, count: upstream.count))
      let dx = g.withUnsafeMutableBufferPointer {
        layer.backward($0.baseAddress!, needsInputGradient: true)!
      }
      return Pass(
        output: output, inputGradient: Array(UnsafeBufferPointer(start: dx, count: x.count)),
        weightGradient: layer.parameters[0].gradients, biasGradient: layer.parameters[1].gradients)
    }
  }

  static func expectClose(_ got: Pass<Float>, _ expected: Pass<Double>, _ test: Case) {
    for (name, a, b) in [
      ("output", got.output, expected.output),
      ("input gradient", got.inputGradient, expected.inputGradient),
      ("weight gradient", got.weightGradient, expected.weightGradient),
      ("bias gradient", got.biasGradient, expected.biasGradient),
    ] {
      // Outputs as tight as the forward checks elsewhere; gradients sum over more terms.
      let error = maxRelativeError(a, b)
      #expect(error < (name == "output" ? 1e-5 : 1e-4), "\(test) \(name): \(error)")
    }
  }

  /// Draws cases until `count` of them have been checked by `check` (which returns false for
  /// a case that makes no such layer); with `large`, only cases cut into more chunks than
  /// workers (`chunks` gives a case's chunks).
  static func sweep(
    seed: UInt64, transposed: Bool, count: Int, large: Bool = false,
    chunks: (Case) -> BatchChunks, _ check: (Case, inout SeededGenerator) -> Bool
  ) {
    var random = SeededGenerator(seed: seed)
    var checked = 0
    while checked < count {
      let c = Case(using: &random, transposed: transposed, large: large)
      if large && chunks(c).count <= c.workers { continue }
      if check(c, &random) { checked += 1 }
    }
  }

  /// Conv2d's output rows and columns for a case.
  static func conv2dOutput(_ c: Case) -> (height: Int, width: Int) {
    (
      (c.height + 2 * c.padding - c.kernel) / c.stride + 1,
      (c.width + 2 * c.padding - c.kernel) / c.stride + 1
    )
  }

  static func conv2dChunks(_ c: Case) -> BatchChunks {
    let out = conv2dOutput(c)
    return BatchChunks(
      batch: c.batch, positions: out.height * out.width,
      rows: c.inputChannels * c.kernel * c.kernel, workers: c.workers)
  }

  static func convTranspose2dChunks(_ c: Case) -> BatchChunks {
    BatchChunks(
      batch: c.batch, positions: c.height * c.width,
      rows: c.outputChannels * c.kernel * c.kernel, workers: c.workers)
  }

  /// Checks a Conv2d of case `c` (false: the kernel does not fit the padded image).
  static func checkConv2d(_ c: Case, _ random: inout SeededGenerator) -> Bool {
    guard c.height + 2 * c.padding >= c.kernel, c.width + 2 * c.padding >= c.kernel else {
      return false
    }
    let (oh, ow) = Self.conv2dOutput(c)
    let layer = Conv2d(
      c.inputChannels, c.outputChannels, kernel: Size2D(c.kernel), stride: Size2D(c.stride),
      padding: Size2D(c.padding), generator: &random)
    let x = randomValues(c.batch * c.shape.count, seed: random.next())
    let g = randomValues(c.batch * c.outputChannels * oh * ow, seed: random.next())
    let taps = c.kernel * c.kernel
    let expected = Self.definition(
      x: x, upstream: g, weight: layer.weight.values, bias: layer.bias!.values,
      outputPlane: oh * ow
    ) { add in
      Self.forEachTap(
        batch: c.batch, big: (c.inputChannels, c.height, c.width),
        small: (c.outputChannels, oh, ow), kernel: c.kernel, stride: c.stride,
        padding: c.padding
      ) { big, small, input, output, tap in
        add(big, small, (output * c.inputChannels + input) * taps + tap)
      }
    }
    Self.expectClose(Self.run(layer, x, c, upstream: g), expected, c)
    return true
  }

  /// Checks a ConvTranspose2d of case `c` (false: its output would be empty).
  static func checkConvTranspose2d(_ c: Case, _ random: inout SeededGenerator) -> Bool {
    let oh = (c.height - 1) * c.stride - 2 * c.padding + c.kernel + c.outputPadding
    let ow = (c.width - 1) * c.stride - 2 * c.padding + c.kernel + c.outputPadding
    guard oh > 0, ow > 0 else { return false }
    let layer = ConvTranspose2d(
      c.inputChannels, c.outputChannels, kernel: Size2D(c.kernel), stride: Size2D(c.stride),
      padding: Size2D(c.padding), outputPadding: Size2D(c.outputPadding), generator: &random)
    let x = randomValues(c.batch * c.shape.count, seed: random.next())
    let g = randomValues(c.batch * c.outputChannels * oh * ow, seed: random.next())
    let taps = c.kernel * c.kernel
    let expected = Self.definition(
      x: x, upstream: g, weight: layer.weight.values, bias: layer.bias!.values,
      outputPlane: oh * ow
    ) { add in
      Self.forEachTap(
        batch: c.batch, big: (c.outputChannels, oh, ow),
        small: (c.inputChannels, c.height, c.width), kernel: c.kernel, stride: c.stride,
        padding: c.padding
      ) { big, small, output, input, tap in
        add(small, big, (input * c.outputChannels + output) * taps + tap)
      }
    }
    Self.expectClose(Self.run(layer, x, c, upstream: g), expected, c)
    return true
  }

  @Test func conv2dMatchesItsDefinition() {
    Self.sweep(seed: 71, transposed: false, count: 300, chunks: Self.conv2dChunks, Self.checkConv2d)
  }

  @Test func conv2dOverSeveralChunksPerWorkerMatchesItsDefinition() {
    Self.sweep(
      seed: 73, transposed: false, count: 12, large: true, chunks: Self.conv2dChunks,
      Self.checkConv2d)
  }

  @Test func convTranspose2dMatchesItsDefinition() {
    Self.sweep(
      seed: 72, transposed: true, count: 300, chunks: Self.convTranspose2dChunks,
      Self.checkConvTranspose2d)
  }

  @Test func convTranspose2dOverSeveralChunksPerWorkerMatchesItsDefinition() {
    Self.sweep(
      seed: 74, transposed: true, count: 12, large: true, chunks: Self.convTranspose2dChunks,
      Self.checkConvTranspose2d)
  }
}
