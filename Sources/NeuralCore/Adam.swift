internal import CKernels

/// Adam with PyTorch's semantics (`torch.optim.Adam`, bias-corrected moments,
/// ε added after the square root), and optional gradient-norm clipping as
/// `torch.nn.utils.clip_grad_norm_`.
package final class Adam {
  package struct Settings: Hashable, Sendable, Codable {
    package var learningRate: Float = 1e-3
    package var beta1: Float = 0.9
    package var beta2: Float = 0.999
    package var epsilon: Float = 1e-8
    /// L2 penalty added to the gradient, as PyTorch's `weight_decay`.
    package var weightDecay: Float = 0
    /// Rescale all gradients together when their global L2 norm exceeds this; nil = never.
    package var clipNorm: Float?
    package init() {}

    private enum CodingKeys: String, CodingKey {
      case learningRate = "lr"
      case beta1, beta2
      case epsilon = "eps"
      case weightDecay = "weight_decay"
      case clipNorm = "clip_norm"
    }
  }

  package var settings: Settings
  package let parameters: [Parameter]
  /// Steps taken so far.
  package private(set) var step = 0
  private let firstMoments: [FloatBuffer]
  private let secondMoments: [FloatBuffer]
  /// The level of CKernels' update loop (tests compare levels).
  private let level: KernelLevel

  package init(
    parameters: [Parameter], settings: Settings = Settings(), level: KernelLevel = .current
  ) {
    self.parameters = parameters
    self.settings = settings
    self.level = level
    firstMoments = parameters.map { FloatBuffer(capacity: $0.count) }
    secondMoments = parameters.map { FloatBuffer(capacity: $0.count) }
  }

  /// The global L2 norm of all gradients.
  package func gradientNorm() -> Float {
    var total: Double = 0
    for parameter in parameters {
      let g = parameter.gradient
      var start = 0
      while start < parameter.count {
        let end = min(start + 4096, parameter.count)
        var lanes = FastMath.Vector()
        VectorLoop.run(end - start) { j, n in
          let x = VectorLoop.load(g, start + j, n)
          lanes += x * x
        }
        total += Double(lanes.sum())
        start = end
      }
    }
    return Float(total.squareRoot())
  }

  /// Applies one update from the parameters' current gradients.
  /// - Returns: the global gradient norm before clipping; not finite when a
  ///   gradient was NaN or infinite (the update has then spoiled the weights).
  @discardableResult
  package func update() -> Float {
    step += 1
    var gradientScale: Float = 1
    var norm: Float? = nil
    if let clip = settings.clipNorm {
      let n = gradientNorm()
      if n > clip { gradientScale = clip / (n + 1e-6) }
      norm = n
    }
    var squares = 0.0
    let (b1, b2, eps, decay) = (
      settings.beta1, settings.beta2, settings.epsilon, settings.weightDecay
    )
    let correction1 = 1 - pow(b1, step)
    let correction2 = 1 - pow(b2, step)
    let stepSize = settings.learningRate / correction1
    let rootCorrection2 = correction2.squareRoot()
    var arguments = latent_adam_step(
      beta1: b1, beta2: b2, epsilon: eps, weight_decay: decay, gradient_scale: gradientScale,
      step_size: stepSize, root_correction2: rootCorrection2)
    for (index, parameter) in parameters.enumerated() {
      squares += latent_adam_update(
        level.c, &arguments, parameter.count, parameter.value, parameter.gradient,
        firstMoments[index].pointer, secondMoments[index].pointer)
      parameter.valuesChanged()
    }
    return norm ?? Float(squares.squareRoot())
  }

  /// A copy of the step count and the moments (allocates; for checkpoints, not per step).
  package func state() -> AdamState {
    func copies(_ buffers: [FloatBuffer]) -> [[Float]] {
      zip(buffers, parameters).map {
        Array(UnsafeBufferPointer(start: $0.pointer, count: $1.count))
      }
    }
    return AdamState(
      step: step, firstMoments: copies(firstMoments), secondMoments: copies(secondMoments))
  }

  /// Continues from `state`, taken from an optimizer of parameters with the same counts.
  package func restore(_ state: AdamState) {
    precondition(
      state.firstMoments.map(\.count) == parameters.map(\.count)
        && state.secondMoments.map(\.count) == parameters.map(\.count),
      "the optimizer state does not fit the parameters")
    step = state.step
    for (index, parameter) in parameters.enumerated() {
      firstMoments[index].pointer.update(from: state.firstMoments[index], count: parameter.count)
      secondMoments[index].pointer.update(from: state.secondMoments[index], count: parameter.count)
    }
  }

  /// Forgets the moments and the step count.
  package func reset() {
    step = 0
    for (index, parameter) in parameters.enumerated() {
      firstMoments[index].zero(parameter.count)
      secondMoments[index].zero(parameter.count)
    }
  }
}

/// `base` raised to a whole power, in Double for accuracy at large steps.
@inline(__always)
private func pow(_ base: Float, _ exponent: Int) -> Float {
  var result = 1.0
  var b = Double(base)
  var e = exponent
  while e > 0 {
    if e & 1 == 1 { result *= b }
    b *= b
    e >>= 1
  }
  return Float(result)
}
