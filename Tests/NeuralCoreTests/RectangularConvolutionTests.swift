import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// A convolution's arguments for one test case: kernel, stride and padding per axis.
struct ConvolutionCase: Sendable, CustomTestStringConvertible {
  var kernel: Size2D
  var stride: Size2D
  var padding: Size2D
  var outputPadding = Size2D(0)
  var bias = true
  var batch = 1
  var workers = 1
  /// Input rows and columns.
  var size = Size2D(height: 9, width: 11)

  var testDescription: String {
    "k \(kernel.height)×\(kernel.width) s \(stride.height),\(stride.width) "
      + "p \(padding.height),\(padding.width) op \(outputPadding.height),\(outputPadding.width) "
      + "bias \(bias) batch \(batch) workers \(workers) input \(size.height)×\(size.width)"
  }
}

/// Nested-loop convolutions in Double, straight from PyTorch's definitions (no im2col).
enum DirectConvolution {
  /// Conv2d: `x` `[N, C, H, W]`, weight `[O, C, kh, kw]`, bias `[O]` or empty;
  /// returns `[N, O, OH, OW]`.
  static func conv2d(
    _ x: [Double], batch: Int, channels: Int, size: Size2D, weight: [Double], bias: [Double],
    outChannels: Int, _ c: ConvolutionCase
  ) -> [Double] {
    let (kh, kw) = (c.kernel.height, c.kernel.width)
    let oh = (size.height + 2 * c.padding.height - kh) / c.stride.height + 1
    let ow = (size.width + 2 * c.padding.width - kw) / c.stride.width + 1
    var y = [Double](repeating: 0, count: batch * outChannels * oh * ow)
    for n in 0..<batch {
      for o in 0..<outChannels {
        for oy in 0..<oh {
          for ox in 0..<ow {
            var sum = bias.isEmpty ? 0 : bias[o]
            for ch in 0..<channels {
              for ki in 0..<kh {
                for kj in 0..<kw {
                  let iy = oy * c.stride.height - c.padding.height + ki
                  let ix = ox * c.stride.width - c.padding.width + kj
                  guard iy >= 0, iy < size.height, ix >= 0, ix < size.width else { continue }
                  sum +=
                    x[((n * channels + ch) * size.height + iy) * size.width + ix]
                    * weight[((o * channels + ch) * kh + ki) * kw + kj]
                }
              }
            }
            y[((n * outChannels + o) * oh + oy) * ow + ox] = sum
          }
        }
      }
    }
    return y
  }

  /// ConvTranspose2d: `x` `[N, C, H, W]`, weight `[C, O, kh, kw]`, bias `[O]` or empty;
  /// every input pixel scatters its kernel into `[N, O, OH, OW]`.
  static func convTranspose2d(
    _ x: [Double], batch: Int, channels: Int, size: Size2D, weight: [Double], bias: [Double],
    outChannels: Int, _ c: ConvolutionCase
  ) -> [Double] {
    let (kh, kw) = (c.kernel.height, c.kernel.width)
    let oh =
      (size.height - 1) * c.stride.height - 2 * c.padding.height + kh + c.outputPadding.height
    let ow = (size.width - 1) * c.stride.width - 2 * c.padding.width + kw + c.outputPadding.width
    var y = [Double](repeating: 0, count: batch * outChannels * oh * ow)
    for n in 0..<batch {
      for o in 0..<outChannels {
        for i in 0..<(oh * ow) {
          y[(n * outChannels + o) * oh * ow + i] = bias.isEmpty ? 0 : bias[o]
        }
      }
      for ch in 0..<channels {
        for iy in 0..<size.height {
          for ix in 0..<size.width {
            let value = x[((n * channels + ch) * size.height + iy) * size.width + ix]
            for o in 0..<outChannels {
              for ki in 0..<kh {
                for kj in 0..<kw {
                  let oy = iy * c.stride.height - c.padding.height + ki
                  let ox = ix * c.stride.width - c.padding.width + kj
                  guard oy >= 0, oy < oh, ox >= 0, ox < ow else { continue }
                  y[((n * outChannels + o) * oh + oy) * ow + ox] +=
                    value * weight[((ch * outChannels + o) * kh + ki) * kw + kj]
                }
              }
            }
          }
        }
      }
    }
    return y
  }
}

/// A layer's output, input gradient and parameter gradients for one batch.
private struct LayerRun {
  var output: [Float]
  var inputGradient: [Float]
  var parameterGradients: [[Float]]
}

/// Runs `layer` forward on `input` and backward with `upstream` on `workers` workers.
private func run(
  _ layer: Layer, input: [Float], shape: Shape, batch: Int, workers: Int, upstream: [Float]? = nil
) throws -> LayerRun {
  var x = input
  let outCount = try layer.outputShape(for: shape).count * batch
  return x.withUnsafeMutableBufferPointer { xp in
    let y = layer.forward(
      xp.baseAddress!, shape: shape, batch: batch, threading: Threading(workers: workers))
    let output = Array(UnsafeBufferPointer(start: y, count: outCount))
    guard var g = upstream else {
      return LayerRun(output: output, inputGradient: [], parameterGradients: [])
    }
    let dx = g.withUnsafeMutableBufferPointer {
      layer.backward($0.baseAddress!, needsInputGradient: true)!
    }
    return LayerRun(
      output: output, inputGradient: Array(UnsafeBufferPointer(start: dx, count: input.count)),
      parameterGradients: layer.parameters.map(\.gradients))
  }
}

private func dot(_ a: [Float], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { $0 + Double($1.0) * $1.1 }
}

@Suite("Rectangular convolutions against nested loops")
struct RectangularConvolutionTests {
  static let conv2dCases: [ConvolutionCase] = [
    ConvolutionCase(
      kernel: Size2D(height: 3, width: 5), stride: Size2D(height: 2, width: 1),
      padding: Size2D(height: 0, width: 2)),
    ConvolutionCase(
      kernel: Size2D(height: 3, width: 5), stride: Size2D(height: 1, width: 3),
      padding: Size2D(height: 2, width: 1), bias: false, batch: 3, workers: 2),
    ConvolutionCase(
      kernel: Size2D(1), stride: Size2D(height: 1, width: 3), padding: Size2D(0), batch: 3),
    ConvolutionCase(
      kernel: Size2D(5), stride: Size2D(height: 2, width: 1), padding: Size2D(height: 2, width: 1),
      bias: false, workers: 2),
    ConvolutionCase(
      kernel: Size2D(height: 5, width: 3), stride: Size2D(height: 1, width: 2),
      padding: Size2D(height: 0, width: 2), batch: 3, workers: 2,
      size: Size2D(height: 6, width: 37)),
    // The stock encoder's square 4/2/1 on 2 workers.
    ConvolutionCase(
      kernel: Size2D(4), stride: Size2D(2), padding: Size2D(1), batch: 3, workers: 2,
      size: Size2D(height: 8, width: 20)),
    // Stride 1: forward through SlidingConvolution, backward as every Conv2d.
    ConvolutionCase(
      kernel: Size2D(height: 3, width: 5), stride: Size2D(1), padding: Size2D(height: 1, width: 2),
      batch: 2, workers: 2),
  ]

  @Test(arguments: conv2dCases)
  func conv2dForward(_ c: ConvolutionCase) throws {
    var generator = SeededGenerator(seed: 31)
    let (channels, out) = (3, 4)
    let layer = Conv2d(
      channels, out, kernel: c.kernel, stride: c.stride, padding: c.padding, bias: c.bias,
      generator: &generator)
    #expect(layer.parameters.count == (c.bias ? 2 : 1))
    let shape = Shape(channels: channels, height: c.size.height, width: c.size.width)
    let x = randomValues(c.batch * shape.count, seed: 32)
    let expected = DirectConvolution.conv2d(
      x.map(Double.init), batch: c.batch, channels: channels, size: c.size,
      weight: layer.weight.values.map(Double.init),
      bias: layer.bias?.values.map(Double.init) ?? [], outChannels: out, c)
    let result = try run(layer, input: x, shape: shape, batch: c.batch, workers: c.workers)
    #expect(result.output.count == expected.count)
    #expect(maxRelativeError(result.output, expected) < 1e-5)
  }

  static let transposedCases: [ConvolutionCase] = [
    ConvolutionCase(
      kernel: Size2D(height: 3, width: 5), stride: Size2D(height: 2, width: 1),
      padding: Size2D(height: 0, width: 2), outputPadding: Size2D(height: 1, width: 0),
      size: Size2D(height: 4, width: 5)),
    ConvolutionCase(
      kernel: Size2D(height: 3, width: 5), stride: Size2D(height: 2, width: 3),
      padding: Size2D(height: 2, width: 1), outputPadding: Size2D(1), bias: false, batch: 3,
      workers: 2, size: Size2D(height: 5, width: 4)),
    ConvolutionCase(
      kernel: Size2D(1), stride: Size2D(height: 1, width: 3), padding: Size2D(0), batch: 3,
      size: Size2D(height: 3, width: 4)),
    ConvolutionCase(
      kernel: Size2D(5), stride: Size2D(3), padding: Size2D(height: 2, width: 1),
      outputPadding: Size2D(1), workers: 2, size: Size2D(height: 4, width: 4)),
    // One image of 16 pixels takes the panel path: 3×3 (9 taps per channel, panels shared
    // between channels) stride 2, padding 1, output padding 1 as VanillaVAE's decoder.
    ConvolutionCase(
      kernel: Size2D(3), stride: Size2D(2), padding: Size2D(1), outputPadding: Size2D(1),
      size: Size2D(height: 4, width: 4)),
    ConvolutionCase(
      kernel: Size2D(3), stride: Size2D(2), padding: Size2D(1), outputPadding: Size2D(1),
      bias: false, workers: 2, size: Size2D(height: 4, width: 4)),
    ConvolutionCase(
      kernel: Size2D(5), stride: Size2D(2), padding: Size2D(2), outputPadding: Size2D(1),
      workers: 2, size: Size2D(height: 2, width: 8)),
    ConvolutionCase(
      kernel: Size2D(height: 3, width: 5), stride: Size2D(height: 1, width: 3),
      padding: Size2D(height: 1, width: 2), outputPadding: Size2D(height: 0, width: 1),
      workers: 2, size: Size2D(height: 4, width: 8)),
    ConvolutionCase(
      kernel: Size2D(4), stride: Size2D(2), padding: Size2D(1), workers: 2,
      size: Size2D(height: 4, width: 4)),
  ]

  @Test(arguments: transposedCases)
  func convTranspose2dForward(_ c: ConvolutionCase) throws {
    var generator = SeededGenerator(seed: 33)
    let (channels, out) = (4, 5)
    let layer = ConvTranspose2d(
      channels, out, kernel: c.kernel, stride: c.stride, padding: c.padding,
      outputPadding: c.outputPadding, bias: c.bias, generator: &generator)
    #expect(layer.parameters.count == (c.bias ? 2 : 1))
    let shape = Shape(channels: channels, height: c.size.height, width: c.size.width)
    let x = randomValues(c.batch * shape.count, seed: 34)
    let expected = DirectConvolution.convTranspose2d(
      x.map(Double.init), batch: c.batch, channels: channels, size: c.size,
      weight: layer.weight.values.map(Double.init),
      bias: layer.bias?.values.map(Double.init) ?? [], outChannels: out, c)
    let result = try run(layer, input: x, shape: shape, batch: c.batch, workers: c.workers)
    #expect(result.output.count == expected.count)
    #expect(maxRelativeError(result.output, expected) < 1e-5)
  }

  /// Input, weight and bias gradients against central finite differences of the nested loops.
  @Test(arguments: [conv2dCases[0], conv2dCases[1], conv2dCases[3], conv2dCases[6]])
  func conv2dGradients(_ c: ConvolutionCase) throws {
    var generator = SeededGenerator(seed: 35)
    let (channels, out) = (2, 3)
    let layer = Conv2d(
      channels, out, kernel: c.kernel, stride: c.stride, padding: c.padding, bias: c.bias,
      generator: &generator)
    let size = c.size
    let shape = Shape(channels: channels, height: size.height, width: size.width)
    let x = randomValues(c.batch * shape.count, seed: 36)
    let g = randomValues(try layer.outputShape(for: shape).count * c.batch, seed: 37)
    let (xd, w, b) = (
      x.map(Double.init), layer.weight.values.map(Double.init),
      layer.bias?.values.map(Double.init) ?? []
    )
    func loss(_ x: [Double], _ w: [Double], _ b: [Double]) -> Double {
      dot(
        g,
        DirectConvolution.conv2d(
          x, batch: c.batch, channels: channels, size: size, weight: w, bias: b,
          outChannels: out, c))
    }
    let result = try run(
      layer, input: x, shape: shape, batch: c.batch, workers: c.workers, upstream: g)
    #expect(
      maxRelativeError(result.inputGradient, numericalGradient(of: { loss($0, w, b) }, at: xd))
        < 1e-4)
    #expect(
      maxRelativeError(
        result.parameterGradients[0], numericalGradient(of: { loss(xd, $0, b) }, at: w)) < 1e-4)
    if c.bias {
      #expect(
        maxRelativeError(
          result.parameterGradients[1], numericalGradient(of: { loss(xd, w, $0) }, at: b)) < 1e-4)
    }
  }

  @Test(arguments: [transposedCases[0], transposedCases[1], transposedCases[3]])
  func convTranspose2dGradients(_ c: ConvolutionCase) throws {
    var generator = SeededGenerator(seed: 38)
    let (channels, out) = (2, 3)
    let layer = ConvTranspose2d(
      channels, out, kernel: c.kernel, stride: c.stride, padding: c.padding,
      outputPadding: c.outputPadding, bias: c.bias, generator: &generator)
    let shape = Shape(channels: channels, height: c.size.height, width: c.size.width)
    let x = randomValues(c.batch * shape.count, seed: 39)
    let g = randomValues(try layer.outputShape(for: shape).count * c.batch, seed: 40)
    let (xd, w, b) = (
      x.map(Double.init), layer.weight.values.map(Double.init),
      layer.bias?.values.map(Double.init) ?? []
    )
    func loss(_ x: [Double], _ w: [Double], _ b: [Double]) -> Double {
      dot(
        g,
        DirectConvolution.convTranspose2d(
          x, batch: c.batch, channels: channels, size: c.size, weight: w, bias: b,
          outChannels: out, c))
    }
    let result = try run(
      layer, input: x, shape: shape, batch: c.batch, workers: c.workers, upstream: g)
    #expect(
      maxRelativeError(result.inputGradient, numericalGradient(of: { loss($0, w, b) }, at: xd))
        < 1e-4)
    #expect(
      maxRelativeError(
        result.parameterGradients[0], numericalGradient(of: { loss(xd, $0, b) }, at: w)) < 1e-4)
    if c.bias {
      #expect(
        maxRelativeError(
          result.parameterGradients[1], numericalGradient(of: { loss(xd, w, $0) }, at: b)) < 1e-4)
    }
  }

  /// With one weight and no bias, ConvTranspose2d is the adjoint of Conv2d:
  /// ⟨conv(x), y⟩ = ⟨x, convT(y)⟩, the output padding restoring the rows and columns the
  /// convolution's stride left unread.
  @Test(arguments: [
    (Size2D(height: 3, width: 5), Size2D(height: 2, width: 1), Size2D(height: 0, width: 2)),
    (Size2D(height: 5, width: 3), Size2D(height: 1, width: 3), Size2D(height: 2, width: 1)),
    (Size2D(height: 1, width: 4), Size2D(height: 3, width: 2), Size2D(height: 0, width: 1)),
    (Size2D(5), Size2D(3), Size2D(2)),
  ])
  func transposedIsTheAdjoint(kernel: Size2D, stride: Size2D, padding: Size2D) throws {
    var generator = SeededGenerator(seed: 41)
    let (channels, out, batch, size) = (3, 4, 2, Size2D(height: 10, width: 11))
    let conv = Conv2d(
      channels, out, kernel: kernel, stride: stride, padding: padding, bias: false,
      generator: &generator)
    let shape = Shape(channels: channels, height: size.height, width: size.width)
    let convShape = try conv.outputShape(for: shape)
    let outputPadding = Size2D(
      height: (size.height + 2 * padding.height - kernel.height) % stride.height,
      width: (size.width + 2 * padding.width - kernel.width) % stride.width)
    let transposed = ConvTranspose2d(
      out, channels, kernel: kernel, stride: stride, padding: padding,
      outputPadding: outputPadding, bias: false, generator: &generator)
    transposed.weight.assign(conv.weight.values)
    #expect(try transposed.outputShape(for: convShape) == shape)
    let x = randomValues(batch * shape.count, seed: 42)
    let y = randomValues(batch * convShape.count, seed: 43)
    for workers in [1, 2] {
      let convX = try run(conv, input: x, shape: shape, batch: batch, workers: workers).output
      let transposedY = try run(
        transposed, input: y, shape: convShape, batch: batch, workers: workers
      ).output
      let left = dot(convX, y.map(Double.init))
      let right = dot(transposedY, x.map(Double.init))
      #expect(abs(left - right) < 1e-4 * max(1, abs(left)))
    }
  }

  /// PyTorch's default initialisation: bound 1/√fan_in with fan_in = Cin·kh·kw for Conv2d
  /// and Cout·kh·kw (the weight's second dimension) for ConvTranspose2d.
  @Test func initialisationBoundsFollowFanIn() {
    var generator = SeededGenerator(seed: 44)
    let kernel = Size2D(height: 3, width: 5)
    let conv = Conv2d(
      2, 16, kernel: kernel, stride: Size2D(1), padding: Size2D(0), generator: &generator)
    let transposed = ConvTranspose2d(
      2, 16, kernel: kernel, stride: Size2D(1), padding: Size2D(0), outputPadding: Size2D(0),
      generator: &generator)
    for (layer, fanIn) in [(conv as Layer, 2 * 15), (transposed as Layer, 16 * 15)] {
      let bound = 1 / Float(fanIn).squareRoot()
      for parameter in layer.parameters {
        let largest = parameter.values.map(abs).max()!
        #expect(largest <= bound && largest > 0.5 * bound, "\(layer) \(parameter.name)")
      }
    }
  }

  /// The square initialisers are the general ones with equal sides.
  @Test func squareInitialisersMatchTheGeneralOnes() {
    var a = SeededGenerator(seed: 45)
    var b = SeededGenerator(seed: 45)
    let square = ConvTranspose2d(
      3, 5, kernel: 3, stride: 2, padding: 1, outputPadding: 1, generator: &a)
    let general = ConvTranspose2d(
      3, 5, kernel: Size2D(3), stride: Size2D(2), padding: Size2D(1), outputPadding: Size2D(1),
      generator: &b)
    #expect(square.weight.values == general.weight.values)
    #expect(square.bias?.values == general.bias?.values)
    #expect(square.description == general.description)
  }

  @Test func descriptionsAsPyTorchPrintsThem() {
    var generator = SeededGenerator(seed: 46)
    let conv = Conv2d(
      3, 8, kernel: Size2D(height: 3, width: 5), stride: Size2D(height: 2, width: 1),
      padding: Size2D(height: 0, width: 2), bias: false, generator: &generator)
    #expect(
      conv.description
        == "Conv2d(3, 8, kernel_size=(3, 5), stride=(2, 1), padding=(0, 2), bias=False)")
    let transposed = ConvTranspose2d(
      8, 3, kernel: Size2D(3), stride: Size2D(2), padding: Size2D(1),
      outputPadding: Size2D(height: 1, width: 0), generator: &generator)
    #expect(
      transposed.description
        == "ConvTranspose2d(8, 3, kernel_size=3, stride=2, padding=1, output_padding=(1, 0))")
    #expect(
      Linear(4, 2, bias: false, generator: &generator).description
        == "Linear(in_features=4, out_features=2, bias=False)")
  }

  @Test func shapesThatCannotWorkAreRefused() {
    var generator = SeededGenerator(seed: 47)
    let tooWide = Conv2d(
      1, 1, kernel: Size2D(height: 1, width: 7), stride: Size2D(1),
      padding: Size2D(height: 3, width: 0),
      generator: &generator)
    #expect(throws: LatentError.self) {
      try tooWide.outputShape(for: Shape(channels: 1, height: 9, width: 6))
    }
    let padded = ConvTranspose2d(
      1, 1, kernel: Size2D(3), stride: Size2D(height: 2, width: 1), padding: Size2D(0),
      outputPadding: Size2D(height: 0, width: 1), generator: &generator)
    #expect(throws: LatentError.self) {
      try padded.outputShape(for: Shape(channels: 1, height: 4, width: 4))
    }
  }
}

@Suite("Linear without bias")
struct LinearWithoutBiasTests {
  /// y = x·Wᵀ with nothing added, for one sample (after a batch filled the output buffer)
  /// and for a batch; dW = dYᵀ·X and dX = dY·W.
  @Test(arguments: [1, 2])
  func computesTheProductAlone(workers: Int) throws {
    var generator = SeededGenerator(seed: 48)
    let (inputs, outputs) = (7, 5)
    let layer = Linear(inputs, outputs, bias: false, generator: &generator)
    #expect(layer.parameters.map(\.name) == ["weight"] && layer.bias == nil)
    let w = layer.weight.values.map(Double.init)
    for batch in [3, 1] {
      let x = randomValues(batch * inputs, seed: UInt64(49 + batch))
      let g = randomValues(batch * outputs, seed: UInt64(50 + batch))
      let expected = Reference.linear(
        x.map(Double.init), batch: batch, inFeatures: inputs, weight: w,
        bias: [Double](repeating: 0, count: outputs), outFeatures: outputs)
      let result = try run(
        layer, input: x, shape: .vector(inputs), batch: batch, workers: workers, upstream: g)
      #expect(maxRelativeError(result.output, expected) < 1e-5)
      var dW = [Double](repeating: 0, count: outputs * inputs)
      var dX = [Double](repeating: 0, count: batch * inputs)
      for n in 0..<batch {
        for o in 0..<outputs {
          for i in 0..<inputs {
            dW[o * inputs + i] += Double(g[n * outputs + o]) * Double(x[n * inputs + i])
            dX[n * inputs + i] += Double(g[n * outputs + o]) * w[o * inputs + i]
          }
        }
      }
      #expect(maxRelativeError(result.parameterGradients[0], dW) < 1e-5)
      #expect(maxRelativeError(result.inputGradient, dX) < 1e-5)
    }
  }
}
