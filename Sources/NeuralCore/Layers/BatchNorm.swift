internal import CKernels
import LatentBasics

/// PyTorch's `nn.BatchNorm1d` over `[N, F]` (`spatial` false) or `nn.BatchNorm2d` over
/// `[N, C, H, W]` (`spatial` true): each channel `c` is normalised over the batch and its
/// pixels, `y = (x − mean[c]) / √(var[c] + eps) · weight[c] + bias[c]`.
///
/// - Training mode: `mean` and `var` are the batch's (the variance biased, divided by the
///   `m = N·H·W` values), and every forward updates the running statistics as PyTorch does:
///   `num_batches_tracked += 1`, then with `f = momentum` (or `1 / num_batches_tracked`
///   when `momentum` is nil, a cumulative average) `running_mean = (1 − f)·running_mean +
///   f·mean` and `running_var = (1 − f)·running_var + f·var·m/(m − 1)` (the unbiased
///   variance). With one value per channel (`m = 1`, where PyTorch refuses to train) the
///   biased variance, 0, goes into `running_var` instead of dividing by zero, and the output
///   is `bias`.
/// - Evaluation mode (the start): `running_mean` and `running_var` normalise.
///
/// Parameters `weight` `[C]` (ones) and `bias` `[C]` (zeros) when `affine`; buffers
/// `running_mean` `[C]` (zeros), `running_var` `[C]` (ones) and `num_batches_tracked` `[]`
/// (I64 in the file). Work splits over channels on the workers when the batch is large; each
/// channel's loops run in CKernels at the layer's ``KernelLevel``.
package final class BatchNorm: Layer {
  /// Channels (features) C.
  package let features: Int
  /// `true`: BatchNorm2d over `[N, C, H, W]`; `false`: BatchNorm1d over `[N, F]`.
  package let spatial: Bool
  /// Added to the variance before the square root.
  package let eps: Float
  /// Weight of the newest batch in the running statistics; nil: a cumulative average.
  package let momentum: Float?
  /// `weight` `[C]`, or nil without `affine`.
  package let weight: Parameter?
  /// `bias` `[C]`, or nil without `affine`.
  package let bias: Parameter?
  /// `running_mean` `[C]`.
  package let runningMean: Parameter
  /// `running_var` `[C]` (unbiased batch variances averaged).
  package let runningVariance: Parameter
  /// `num_batches_tracked` `[]`: training forwards so far (a Float32 whole number).
  package let batchesTracked: Parameter
  package let parameters: [Parameter]
  package let buffers: [Parameter]
  /// Training (batch statistics) or evaluation (running statistics) mode.
  package private(set) var isTraining = false

  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  /// Per channel, for the last forward: the mean subtracted, 1/√(var + eps), and the
  /// factor `y = (x − center)·scale + shift` applies.
  private let center: FloatBuffer
  private let inverseDeviation: FloatBuffer
  private let scale: FloatBuffer
  private var input: UnsafeMutablePointer<Float>?
  private var batch = 0
  private var plane = 1
  private var trainedLastForward = false
  private var threading = Threading.single
  /// The level of CKernels' per-channel loops (tests compare levels).
  private let level: KernelLevel

  /// A layer in evaluation mode with PyTorch's initial values; its loops run in CKernels at
  /// `level`.
  package init(
    features: Int, spatial: Bool, eps: Float = 1e-5, momentum: Float? = 0.1, affine: Bool = true,
    level: KernelLevel = .current
  ) {
    self.level = level
    self.features = features
    self.spatial = spatial
    self.eps = eps
    self.momentum = momentum
    if affine {
      let weight = Parameter(name: "weight", shape: [features])
      weight.assign(repeatElement(1, count: features))
      self.weight = weight
      let bias = Parameter(name: "bias", shape: [features])
      self.bias = bias
      parameters = [weight, bias]
    } else {
      weight = nil
      bias = nil
      parameters = []
    }
    runningMean = Parameter(name: "running_mean", shape: [features])
    runningVariance = Parameter(name: "running_var", shape: [features])
    runningVariance.assign(repeatElement(1, count: features))
    batchesTracked = Parameter(name: "num_batches_tracked", shape: [], isInteger: true)
    buffers = [runningMean, runningVariance, batchesTracked]
    center = FloatBuffer(capacity: features)
    inverseDeviation = FloatBuffer(capacity: features)
    scale = FloatBuffer(capacity: features)
  }

  /// Whether `weight` and `bias` exist.
  package var affine: Bool { weight != nil }

  package func setTraining(_ training: Bool) { isTraining = training }

  package var scratchCapacity: Int {
    output.capacity + inputGradient.capacity + center.capacity + inverseDeviation.capacity
      + scale.capacity
  }

  package var description: String {
    let momentum = momentum.map { "\($0)" } ?? "None"
    return "BatchNorm\(spatial ? "2d" : "1d")(\(features), eps=\(eps), momentum=\(momentum), "
      + "affine=\(affine ? "True" : "False"), track_running_stats=True)"
  }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape {
    guard input.channels == features else {
      throw LatentError(
        .configuration, "\(description) needs \(features) channels, got \(input)")
    }
    guard spatial || input.plane == 1 else {
      throw LatentError(
        .configuration, "\(description) needs [N, \(features)] vectors, got \(input) per sample")
    }
    return input
  }

  /// Evaluation mode's per-channel map `y = scale[c]·x + shift[c]` from the running
  /// statistics (`[C]` each), for folding into a neighbouring convolution.
  package func foldableScaleAndShift() -> (scale: [Float], shift: [Float]) {
    var scale = [Float](repeating: 0, count: features)
    var shift = [Float](repeating: 0, count: features)
    for c in 0..<features {
      let inverse = 1 / (runningVariance.value[c] + eps).squareRoot()
      scale[c] = (weight?.value[c] ?? 1) * inverse
      shift[c] = (bias?.value[c] ?? 0) - runningMean.value[c] * scale[c]
    }
    return (scale, shift)
  }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    self.input = input
    self.batch = batch
    self.threading = threading
    plane = shape.plane
    trainedLastForward = isTraining
    let (channels, plane, count) = (features, shape.plane, batch * shape.count)
    let output = self.output.reserve(count)
    let (center, inverseDeviation, scale) =
      (self.center.pointer, self.inverseDeviation.pointer, self.scale.pointer)
    let (weight, bias) = (self.weight?.value, self.bias?.value)
    let (runningMean, runningVariance) = (self.runningMean.value, self.runningVariance.value)
    let eps = eps
    var factor: Float = 0
    if isTraining {
      batchesTracked.value[0] += 1
      batchesTracked.valuesChanged()
      factor = momentum ?? 1 / batchesTracked.value[0]
      self.runningMean.valuesChanged()
      self.runningVariance.valuesChanged()
    }
    let training = isTraining
    let m = batch * plane
    let level = level.c
    let stride = channels * plane
    Parallel.forEachPart(of: channels, values: count, threading: threading) { part in
      for c in part {
        let x = input + c * plane
        if training {
          var mean: Float = 0
          var variance = 0.0
          latent_batchnorm_statistics(level, batch, stride, plane, x, &mean, &variance)
          center[c] = mean
          inverseDeviation[c] = Float(1 / (variance + Double(eps)).squareRoot())
          let unbiased = m > 1 ? variance * Double(m) / Double(m - 1) : variance
          runningMean[c] = (1 - factor) * runningMean[c] + factor * mean
          runningVariance[c] = (1 - factor) * runningVariance[c] + factor * Float(unbiased)
        } else {
          center[c] = runningMean[c]
          inverseDeviation[c] = 1 / (runningVariance[c] + eps).squareRoot()
        }
        let a = (weight?[c] ?? 1) * inverseDeviation[c]
        let b = (bias?[c] ?? 0) - center[c] * a
        scale[c] = a
        latent_batchnorm_affine(level, batch, stride, plane, x, a, b, output + c * plane)
      }
    }
    return output
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard let input else { preconditionFailure("\(description).backward before forward") }
    let (channels, plane, batch) = (features, plane, batch)
    let count = batch * channels * plane
    let inputGradient = needsInputGradient ? self.inputGradient.reserve(count) : nil
    let (center, inverseDeviation, scale) =
      (self.center.pointer, self.inverseDeviation.pointer, self.scale.pointer)
    let (weightGradient, biasGradient) = (weight?.gradient, bias?.gradient)
    let training = trainedLastForward
    let m = Float(batch * plane)
    let level = level.c
    let stride = channels * plane
    Parallel.forEachPart(of: channels, values: count, threading: threading) { part in
      for c in part {
        let (mean, inverse, a) = (center[c], inverseDeviation[c], scale[c])
        let (x, dy) = (input + c * plane, outputGradient + c * plane)
        var sumDy = 0.0
        var sumDyCentered = 0.0
        latent_batchnorm_gradient_sums(
          level, batch, stride, plane, x, dy, mean, &sumDy, &sumDyCentered)
        // Σ dy·x̂ with x̂ = (x − mean)·inverse: dLoss/dweight; Σ dy: dLoss/dbias.
        let sumDyNormalized = Float(sumDyCentered) * inverse
        weightGradient?[c] = sumDyNormalized
        biasGradient?[c] = Float(sumDy)
        guard let inputGradient else { continue }
        // Evaluation: dx = a·dy. Training, through the batch mean and variance:
        // dx = a·(dy − Σdy/m − x̂·Σ(dy·x̂)/m).
        let slope = training ? -a / m * inverse * sumDyNormalized : 0
        let constant = training ? -a / m * Float(sumDy) : 0
        latent_batchnorm_input_gradient(
          level, batch, stride, plane, x, dy, mean, slope, a, constant, inputGradient + c * plane)
      }
    }
    return inputGradient
  }
}
