import Glibc
import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

@Suite("Residual blocks and the channel affine map")
struct ResidualTests {
  /// y = tanh(W₁x + b₁) + (W₂x + b₂ or x): values and every gradient against Double
  /// finite differences.
  @Test(arguments: [false, true])
  func gradientsAgainstFiniteDifferences(projected: Bool) throws {
    var generator = SeededGenerator(seed: 60)
    let body = try Sequential(
      [Linear(4, 3, generator: &generator), ElementwiseLayer(.tanh)], inputShape: .vector(4))
    let shortcut =
      projected
      ? try Sequential([Linear(4, 3, generator: &generator)], inputShape: .vector(4)) : nil
    let layer = Residual(body: body, shortcut: shortcut)
    if !projected {
      #expect(throws: LatentError.self) { try layer.outputShape(for: .vector(4)) }
      return
    }
    #expect(try layer.outputShape(for: .vector(4)) == .vector(3))
    let batch = 3
    let x = randomValues(batch * 4, seed: 61)
    let g = randomValues(batch * 3, seed: 62)
    let parameters = layer.parameters.map { $0.values.map(Double.init) }
    #expect(parameters.count == 4)
    func reference(_ x: [Double], _ p: [[Double]]) -> [Double] {
      let main = Reference.linear(
        x, batch: batch, inFeatures: 4, weight: p[0], bias: p[1], outFeatures: 3)
      let skip = Reference.linear(
        x, batch: batch, inFeatures: 4, weight: p[2], bias: p[3], outFeatures: 3)
      return zip(main, skip).map { tanh($0) + $1 }
    }
    let pass = try LayerPass(layer, input: x, shape: .vector(4), batch: batch, upstream: g)
    let xd = x.map(Double.init)
    #expect(maxRelativeError(pass.output, reference(xd, parameters)) < 1e-5)
    let numericX = numericalGradient(of: { weightedSum(g, reference($0, parameters)) }, at: xd)
    #expect(maxRelativeError(pass.inputGradient, numericX) < 1e-4)
    for k in parameters.indices {
      let numeric = numericalGradient(
        of: { p in
          var all = parameters
          all[k] = p
          return weightedSum(g, reference(xd, all))
        }, at: parameters[k])
      #expect(maxRelativeError(pass.parameterGradients[k], numeric) < 1e-4)
    }
  }

  @Test func identityShortcutAddsTheInput() throws {
    let body = try Sequential([ElementwiseLayer(.tanh)], inputShape: .vector(2))
    let layer = Residual(body: body, shortcut: nil)
    let pass = try LayerPass(
      layer, input: [0.5, -1], shape: .vector(2), batch: 1, upstream: [1, 2])
    #expect(maxRelativeError(pass.output, [0.5 + tanh(0.5), -1 + tanh(-1)]) < 1e-6)
    // d/dx (tanh x + x) = 2 − tanh² x.
    let slopes = [0.5, -1.0].map { 2 - tanh($0) * tanh($0) }
    #expect(maxRelativeError(pass.inputGradient, [slopes[0], 2 * slopes[1]]) < 1e-6)
  }

  @Test func buffersAndTrainingReachTheInnerLayers() throws {
    let shape = Shape(channels: 2, height: 2, width: 2)
    let norm = BatchNorm(features: 2, spatial: true)
    let dropout = Dropout(probability: 0.5, seed: 1)
    let layer = Residual(
      body: try Sequential([norm], inputShape: shape),
      shortcut: try Sequential([dropout], inputShape: shape))
    #expect(layer.buffers.map(\.name) == ["running_mean", "running_var", "num_batches_tracked"])
    #expect(layer.parameters.map(\.name) == ["weight", "bias"])
    layer.setTraining(true)
    #expect(norm.isTraining && dropout.isTraining)
    _ = try LayerPass(
      layer, input: randomValues(16, seed: 63), shape: shape, batch: 2,
      upstream: randomValues(16, seed: 64))
    #expect(norm.batchesTracked.values == [1])
    layer.setTraining(false)
    #expect(!norm.isTraining && !dropout.isTraining)
  }

  @Test func channelAffineNormalizesPerChannel() throws {
    // torchvision Normalize(mean=[0.5, 0.25], std=[0.5, 2]): scale 1/std, shift −mean/std.
    let layer = ChannelAffine(scale: [2, 0.5], shift: [-1, -0.125])
    let shape = Shape(channels: 2, height: 1, width: 2)
    let pass = try LayerPass(
      layer, input: [0, 1, 0.25, 2.25, 1, 0.5, 0, 1], shape: shape, batch: 2,
      upstream: [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(pass.output == [-1, 1, 0, 1, 1, 0, -0.125, 0.375])
    #expect(pass.inputGradient == [2, 4, 1.5, 2, 10, 12, 3.5, 4])
    #expect(layer.parameters.isEmpty)
    #expect(throws: LatentError.self) { try layer.outputShape(for: .vector(3)) }
  }
}
