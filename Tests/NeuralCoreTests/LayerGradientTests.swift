import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// Runs a layer forward and backward on Float data and returns what it computed.
private func run(
  _ layer: Layer, input: [Float], shape: Shape, batch: Int, upstream: [Float]
) -> (output: [Float], inputGradient: [Float], parameterGradients: [[Float]]) {
  var x = input
  return x.withUnsafeMutableBufferPointer { xp in
    let outShape = try! layer.outputShape(for: shape)
    let y = layer.forward(xp.baseAddress!, shape: shape, batch: batch, threading: .single)
    let output = Array(UnsafeBufferPointer(start: y, count: batch * outShape.count))
    var g = upstream
    let dx = g.withUnsafeMutableBufferPointer {
      layer.backward($0.baseAddress!, needsInputGradient: true)!
    }
    let inputGradient = Array(UnsafeBufferPointer(start: dx, count: input.count))
    return (output, inputGradient, layer.parameters.map(\.gradients))
  }
}

/// Σ upstream · f(...) in Double: the scalar whose gradient backward computes.
private func dot(_ upstream: [Float], _ y: [Double]) -> Double {
  zip(upstream, y).reduce(0) { $0 + Double($1.0) * $1.1 }
}

@Suite("Layer gradients against central finite differences in Double")
struct LayerGradientTests {
  @Test(arguments: [
    (channels: 2, out: 3, size: 5, kernel: 3, stride: 1, padding: 1),
    (channels: 3, out: 4, size: 8, kernel: 4, stride: 2, padding: 1),
    (channels: 1, out: 2, size: 7, kernel: 3, stride: 2, padding: 0),
  ])
  func conv2d(
    _ c: (channels: Int, out: Int, size: Int, kernel: Int, stride: Int, padding: Int)
  ) throws {
    var generator = SeededGenerator(seed: 1)
    let layer = Conv2d(
      c.channels, c.out, kernel: c.kernel, stride: c.stride, padding: c.padding,
      generator: &generator)
    let batch = 2
    let shape = Shape(channels: c.channels, height: c.size, width: c.size + 1)
    let x = randomValues(batch * shape.count, seed: 2)
    let outShape = try layer.outputShape(for: shape)
    let g = randomValues(batch * outShape.count, seed: 3)
    let w = layer.weight.values.map(Double.init)
    let b = layer.bias!.values.map(Double.init)
    func reference(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
      Reference.conv2d(
        x, batch: batch, channels: c.channels, height: shape.height, width: shape.width,
        weight: w, bias: b, outChannels: c.out, kernel: c.kernel, stride: c.stride,
        padding: c.padding
      ).y
    }
    let result = run(layer, input: x, shape: shape, batch: batch, upstream: g)
    let xd = x.map(Double.init)
    #expect(maxRelativeError(result.output, reference(xd, w, b)) < 1e-5)
    let numericX = numericalGradient(of: { dot(g, reference($0, w, b)) }, at: xd)
    let numericW = numericalGradient(of: { dot(g, reference(xd, $0, b)) }, at: w)
    let numericB = numericalGradient(of: { dot(g, reference(xd, w, $0)) }, at: b)
    #expect(maxRelativeError(result.inputGradient, numericX) < 1e-4)
    #expect(maxRelativeError(result.parameterGradients[0], numericW) < 1e-4)
    #expect(maxRelativeError(result.parameterGradients[1], numericB) < 1e-4)
  }

  @Test(arguments: [
    (channels: 3, out: 2, size: 4, kernel: 4, stride: 2, padding: 1, outputPadding: 0),
    (channels: 2, out: 3, size: 3, kernel: 3, stride: 2, padding: 1, outputPadding: 1),
    (channels: 2, out: 2, size: 3, kernel: 3, stride: 1, padding: 0, outputPadding: 0),
  ])
  func convTranspose2d(
    _ c: (
      channels: Int, out: Int, size: Int, kernel: Int, stride: Int, padding: Int,
      outputPadding: Int
    )
  ) throws {
    var generator = SeededGenerator(seed: 4)
    let layer = ConvTranspose2d(
      c.channels, c.out, kernel: c.kernel, stride: c.stride, padding: c.padding,
      outputPadding: c.outputPadding, generator: &generator)
    let batch = 2
    let shape = Shape(channels: c.channels, height: c.size, width: c.size + 1)
    let x = randomValues(batch * shape.count, seed: 5)
    let outShape = try layer.outputShape(for: shape)
    let g = randomValues(batch * outShape.count, seed: 6)
    let w = layer.weight.values.map(Double.init)
    let b = layer.bias!.values.map(Double.init)
    func reference(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
      Reference.convTranspose2d(
        x, batch: batch, channels: c.channels, height: shape.height, width: shape.width,
        weight: w, bias: b, outChannels: c.out, kernel: c.kernel, stride: c.stride,
        padding: c.padding, outputPadding: c.outputPadding
      ).y
    }
    let result = run(layer, input: x, shape: shape, batch: batch, upstream: g)
    let xd = x.map(Double.init)
    let expected = reference(xd, w, b)
    #expect(expected.count == outShape.count * batch)
    #expect(maxRelativeError(result.output, expected) < 1e-5)
    let numericX = numericalGradient(of: { dot(g, reference($0, w, b)) }, at: xd)
    let numericW = numericalGradient(of: { dot(g, reference(xd, $0, b)) }, at: w)
    let numericB = numericalGradient(of: { dot(g, reference(xd, w, $0)) }, at: b)
    #expect(maxRelativeError(result.inputGradient, numericX) < 1e-4)
    #expect(maxRelativeError(result.parameterGradients[0], numericW) < 1e-4)
    #expect(maxRelativeError(result.parameterGradients[1], numericB) < 1e-4)
  }

  @Test(arguments: [1, 3])
  func linear(batch: Int) {
    var generator = SeededGenerator(seed: 7)
    let layer = Linear(6, 4, generator: &generator)
    let x = randomValues(batch * 6, seed: 8)
    let g = randomValues(batch * 4, seed: 9)
    let w = layer.weight.values.map(Double.init)
    let b = layer.bias!.values.map(Double.init)
    func reference(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
      Reference.linear(x, batch: batch, inFeatures: 6, weight: w, bias: b, outFeatures: 4)
    }
    let result = run(layer, input: x, shape: .vector(6), batch: batch, upstream: g)
    let xd = x.map(Double.init)
    #expect(maxRelativeError(result.output, reference(xd, w, b)) < 1e-6)
    #expect(
      maxRelativeError(
        result.inputGradient, numericalGradient(of: { dot(g, reference($0, w, b)) }, at: xd))
        < 1e-5)
    #expect(
      maxRelativeError(
        result.parameterGradients[0],
        numericalGradient(of: { dot(g, reference(xd, $0, b)) }, at: w)) < 1e-5)
    #expect(
      maxRelativeError(
        result.parameterGradients[1],
        numericalGradient(of: { dot(g, reference(xd, w, $0)) }, at: b)) < 1e-5)
  }

  @Test(arguments: [
    (Activation.relu, "relu"), (.leakyReLU(slope: 0.2), "leaky"), (.tanh, "tanh"),
    (.sigmoid, "sigmoid"),
  ])
  func activation(_ activation: Activation, referenceName: String) {
    let layer = ElementwiseLayer(activation)
    let shape = Shape(channels: 2, height: 3, width: 4)
    // Keep inputs away from ReLU's kink, where the derivative is undefined.
    let x = randomValues(2 * shape.count, seed: 10).map { $0 * 3 + ($0 >= 0 ? 0.05 : -0.05) }
    let g = randomValues(2 * shape.count, seed: 11)
    let result = run(layer, input: x, shape: shape, batch: 2, upstream: g)
    let xd = x.map(Double.init)
    let expected = xd.map { Reference.activation(referenceName, $0) }
    #expect(maxRelativeError(result.output, expected) < 1e-6)
    let numeric = numericalGradient(
      of: { dot(g, $0.map { Reference.activation(referenceName, $0) }) }, at: xd)
    #expect(maxRelativeError(result.inputGradient, numeric) < 1e-5)
  }

  @Test func reshapeMovesNoValues() throws {
    let flatten = Reshape.flatten()
    #expect(try flatten.outputShape(for: Shape(channels: 2, height: 3, width: 4)) == .vector(24))
    let unflatten = Reshape(target: Shape(channels: 2, height: 3, width: 4))
    #expect(try unflatten.outputShape(for: .vector(24)) == Shape(channels: 2, height: 3, width: 4))
    #expect(throws: LatentError.self) { try unflatten.outputShape(for: .vector(25)) }
    var x = randomValues(48, seed: 12)
    let y = x.withUnsafeMutableBufferPointer { p in
      Array(
        UnsafeBufferPointer(
          start: unflatten.forward(
            p.baseAddress!, shape: .vector(24), batch: 2, threading: .single), count: 48))
    }
    #expect(y == x)
  }

  @Test func shapeErrorsNameTheLayer() {
    var generator = SeededGenerator(seed: 1)
    #expect(throws: LatentError.self) {
      try Sequential(
        [Conv2d(3, 8, kernel: 4, stride: 2, padding: 1, generator: &generator)],
        inputShape: Shape(channels: 1, height: 8, width: 8))
    }
    #expect(throws: LatentError.self) {
      try Sequential([Linear(10, 2, generator: &generator)], inputShape: .vector(9))
    }
  }
}
