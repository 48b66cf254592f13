import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// Batch normalisation in Double, written from its definition: per channel c, the mean and
/// biased variance over the batch and pixels (training), or the given running statistics.
private func referenceBatchNorm(
  _ x: [Double], batch: Int, channels: Int, plane: Int, weight: [Double], bias: [Double],
  statistics: (mean: [Double], variance: [Double])?, eps: Double
) -> [Double] {
  var y = x
  for c in 0..<channels {
    var indices: [Int] = []
    for n in 0..<batch {
      let start = (n * channels + c) * plane
      indices += Array(start..<(start + plane))
    }
    let mean: Double
    let variance: Double
    if let statistics {
      (mean, variance) = (statistics.mean[c], statistics.variance[c])
    } else {
      mean = indices.reduce(0) { $0 + x[$1] } / Double(indices.count)
      variance = indices.reduce(0) { $0 + (x[$1] - mean) * (x[$1] - mean) } / Double(indices.count)
    }
    for i in indices { y[i] = (x[i] - mean) / (variance + eps).squareRoot() * weight[c] + bias[c] }
  }
  return y
}

@Suite("BatchNorm: PyTorch's statistics, gradients in both modes")
struct BatchNormTests {
  @Test(arguments: [
    (spatial: false, batch: 5, channels: 3, height: 1, width: 1, training: true),
    (spatial: false, batch: 4, channels: 2, height: 1, width: 1, training: false),
    (spatial: true, batch: 3, channels: 2, height: 3, width: 4, training: true),
    (spatial: true, batch: 2, channels: 3, height: 2, width: 3, training: false),
  ])
  func gradientsAgainstFiniteDifferences(
    _ c: (spatial: Bool, batch: Int, channels: Int, height: Int, width: Int, training: Bool)
  ) throws {
    let layer = BatchNorm(features: c.channels, spatial: c.spatial)
    let weight = randomValues(c.channels, seed: 20).map { $0 + 1.5 }
    let bias = randomValues(c.channels, seed: 21)
    let runningMean = randomValues(c.channels, seed: 22)
    let runningVariance = randomValues(c.channels, seed: 23).map { $0 + 1.2 }
    layer.weight!.assign(weight)
    layer.bias!.assign(bias)
    layer.runningMean.assign(runningMean)
    layer.runningVariance.assign(runningVariance)
    layer.setTraining(c.training)
    let shape = Shape(channels: c.channels, height: c.height, width: c.width)
    let x = randomValues(c.batch * shape.count, seed: 24).map { $0 * 2 + 0.3 }
    let g = randomValues(c.batch * shape.count, seed: 25)
    let statistics =
      c.training
      ? nil : (mean: runningMean.map(Double.init), variance: runningVariance.map(Double.init))
    func reference(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
      referenceBatchNorm(
        x, batch: c.batch, channels: c.channels, plane: shape.plane, weight: w, bias: b,
        statistics: statistics, eps: 1e-5)
    }
    let pass = try LayerPass(layer, input: x, shape: shape, batch: c.batch, upstream: g)
    let (xd, w, b) = (x.map(Double.init), weight.map(Double.init), bias.map(Double.init))
    #expect(maxRelativeError(pass.output, reference(xd, w, b)) < 1e-5)
    let numericX = numericalGradient(of: { weightedSum(g, reference($0, w, b)) }, at: xd)
    let numericW = numericalGradient(of: { weightedSum(g, reference(xd, $0, b)) }, at: w)
    let numericB = numericalGradient(of: { weightedSum(g, reference(xd, w, $0)) }, at: b)
    #expect(normalizedError(pass.inputGradient, numericX) < 1e-4)
    #expect(maxRelativeError(pass.parameterGradients[0], numericW) < 1e-4)
    #expect(maxRelativeError(pass.parameterGradients[1], numericB) < 1e-4)
  }

  /// CKernels' per-channel loops at every level this CPU runs, training and evaluation, on
  /// planes with and without a partial last vector: the output against the Double reference,
  /// and every gradient against the generic level's (lanes of 8 or 16 and fused multiply-adds
  /// change only the rounding).
  @Test(arguments: [(true, 5, 7), (false, 4, 4), (true, 1, 17)])
  func everyLevelAgreesWithTheReference(training: Bool, height: Int, width: Int) throws {
    let (batch, channels) = (3, 2)
    let shape = Shape(channels: channels, height: height, width: width)
    let x = randomValues(batch * shape.count, seed: 26).map { $0 * 3 - 0.4 }
    let g = randomValues(batch * shape.count, seed: 27)
    func run(_ level: KernelLevel) throws -> LayerPass {
      let layer = BatchNorm(features: channels, spatial: true, level: level)
      layer.weight!.assign([1.5, -0.7])
      layer.bias!.assign([0.2, 0.1])
      layer.runningMean.assign([0.3, -0.2])
      layer.runningVariance.assign([1.4, 0.8])
      layer.setTraining(training)
      return try LayerPass(layer, input: x, shape: shape, batch: batch, upstream: g)
    }
    let reference = referenceBatchNorm(
      x.map(Double.init), batch: batch, channels: channels, plane: shape.plane,
      weight: [1.5, -0.7], bias: [0.2, 0.1],
      statistics: training ? nil : (mean: [0.3, -0.2], variance: [1.4, 0.8]), eps: 1e-5)
    let generic = try run(.generic)
    for level in KernelLevel.allCases where level.runs(on: .current) {
      let pass = level == .generic ? generic : try run(level)
      #expect(maxRelativeError(pass.output, reference) < 1e-5, "\(level)")
      #expect(
        normalizedError(pass.inputGradient, generic.inputGradient.map(Double.init)) < 1e-5,
        "\(level)")
      for (mine, theirs) in zip(pass.parameterGradients, generic.parameterGradients) {
        #expect(maxRelativeError(mine, theirs.map(Double.init)) < 1e-5, "\(level)")
      }
    }
  }

  @Test func withoutAffineHasNoParametersAndNormalizes() throws {
    let layer = BatchNorm(features: 2, spatial: false, affine: false)
    #expect(layer.parameters.isEmpty)
    #expect(layer.buffers.map(\.name) == ["running_mean", "running_var", "num_batches_tracked"])
    #expect(layer.batchesTracked.isInteger && layer.batchesTracked.shape == [])
    layer.setTraining(true)
    let x: [Float] = [1, 2, 3, 4, 5, 9]
    let pass = try LayerPass(
      layer, input: x, shape: .vector(2), batch: 3, upstream: [1, 0, 0, 0, 0, 0])
    // Channel 0 holds 1, 3, 5: mean 3, biased variance 8/3.
    let deviation = (8.0 / 3 + 1e-5).squareRoot()
    #expect(abs(Double(pass.output[0]) - (-2 / deviation)) < 1e-6)
    #expect(abs(Double(pass.output[4]) - (2 / deviation)) < 1e-6)
  }

  /// Two training steps on [N = 3, F = 2]: batch 1 is columns (1, 3, 5) and (2, 4, 9): means
  /// 3 and 5, unbiased variances 4 and 13; batch 2 is (0, 2, 4) and (0, 2, −2): means 2 and
  /// 0, unbiased variances 4 and 4.
  @Test(arguments: [
    (momentum: Float?.some(0.1), mean: [0.47, 0.45], variance: [1.57, 2.38]),
    // Cumulative: the plain average of the two batches' statistics.
    (momentum: nil, mean: [2.5, 2.5], variance: [4, 8.5]),
  ])
  func runningStatisticsAfterTwoSteps(
    _ c: (momentum: Float?, mean: [Double], variance: [Double])
  ) throws {
    let layer = BatchNorm(features: 2, spatial: false, momentum: c.momentum)
    layer.setTraining(true)
    let zeros = [Float](repeating: 0, count: 6)
    _ = try LayerPass(
      layer, input: [1, 2, 3, 4, 5, 9], shape: .vector(2), batch: 3, upstream: zeros)
    #expect(layer.batchesTracked.values == [1])
    _ = try LayerPass(
      layer, input: [0, 0, 2, 2, 4, -2], shape: .vector(2), batch: 3, upstream: zeros)
    #expect(layer.batchesTracked.values == [2])
    #expect(maxRelativeError(layer.runningMean.values, c.mean) < 1e-6)
    #expect(maxRelativeError(layer.runningVariance.values, c.variance) < 1e-6)
  }

  @Test func oneValuePerChannelDoesNotDivideByZero() throws {
    let layer = BatchNorm(features: 2, spatial: false)
    layer.bias!.assign([0.25, -0.5])
    layer.setTraining(true)
    let pass = try LayerPass(layer, input: [3, 7], shape: .vector(2), batch: 1, upstream: [1, 1])
    #expect(pass.output == [0.25, -0.5])
    #expect(pass.inputGradient.allSatisfy { $0.isFinite })
    // The biased variance, 0, enters the running variance: 0.9·1 + 0.1·0.
    #expect(maxRelativeError(layer.runningVariance.values, [0.9, 0.9]) < 1e-6)
    #expect(maxRelativeError(layer.runningMean.values, [0.3, 0.7]) < 1e-6)
  }

  @Test func evaluationUsesRunningStatisticsAndFolds() throws {
    let layer = BatchNorm(features: 2, spatial: true, eps: 0)
    layer.weight!.assign([2, -1])
    layer.bias!.assign([1, 0.5])
    layer.runningMean.assign([0.5, -2])
    layer.runningVariance.assign([4, 0.25])
    // Channel 0: (x − 0.5)/2·2 + 1 = x + 0.5; channel 1: −(x + 2)/0.5 + 0.5 = −2x − 3.5.
    let folded = layer.foldableScaleAndShift()
    #expect(folded.scale == [1, -2])
    #expect(folded.shift == [0.5, -3.5])
    let pass = try LayerPass(
      layer, input: [1, 2, 3, 4], shape: Shape(channels: 2, height: 1, width: 2), batch: 1,
      upstream: [1, 1, 1, 1])
    #expect(pass.output == [1.5, 2.5, -9.5, -11.5])
    #expect(pass.inputGradient == [1, 1, -2, -2])
    #expect(layer.batchesTracked.values == [0])
  }

  @Test func rejectsTheWrongChannelCount() {
    #expect(throws: LatentError.self) {
      try BatchNorm(features: 3, spatial: true).outputShape(
        for: Shape(channels: 4, height: 2, width: 2))
    }
    #expect(throws: LatentError.self) {
      try BatchNorm(features: 3, spatial: false).outputShape(
        for: Shape(channels: 3, height: 2, width: 2))
    }
  }

  @Test func describesItselfAsPyTorch() {
    #expect(
      BatchNorm(features: 32, spatial: true).description
        == "BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)")
    #expect(
      BatchNorm(features: 8, spatial: false, momentum: nil, affine: false).description
        == "BatchNorm1d(8, eps=1e-05, momentum=None, affine=False, track_running_stats=True)")
  }

  /// A batch large enough to split over channels computes the same as on one thread, and
  /// steps after the first allocate nothing.
  @Test func workersAgreeAndStepsAllocateNothing() throws {
    let shape = Shape(channels: 6, height: 32, width: 32)
    let batch = 8
    let x = randomValues(batch * shape.count, seed: 30)
    let g = randomValues(batch * shape.count, seed: 31)
    let single = BatchNorm(features: 6, spatial: true)
    let parallel = BatchNorm(features: 6, spatial: true)
    single.setTraining(true)
    parallel.setTraining(true)
    let expected = try LayerPass(single, input: x, shape: shape, batch: batch, upstream: g)
    let workers = Threading(workers: 2)
    let first = try LayerPass(
      parallel, input: x, shape: shape, batch: batch, upstream: g, threading: workers)
    #expect(first.output == expected.output)
    #expect(first.inputGradient == expected.inputGradient)
    #expect(first.parameterGradients == expected.parameterGradients)
    #expect(parallel.runningVariance.values == single.runningVariance.values)
    let capacity = parallel.scratchCapacity
    for _ in 0..<3 {
      _ = try LayerPass(
        parallel, input: x, shape: shape, batch: batch, upstream: g, threading: workers)
    }
    let half = batch / 2 * shape.count
    _ = try LayerPass(
      parallel, input: Array(x.prefix(half)), shape: shape, batch: batch / 2,
      upstream: Array(g.prefix(half)), threading: workers)
    #expect(parallel.scratchCapacity == capacity)
  }
}
