/// A fully connected layer, `y = x·Wᵀ + b`, as PyTorch's `nn.Linear`.
///
/// Input `[N, in]` (any sample shape with `in` values), output `[N, out]`;
/// weight `[out, in]`, bias `[out]`.
package final class Linear: Layer {
  package let inputFeatures: Int
  package let outputFeatures: Int
  package let weight: Parameter
  package let bias: Parameter
  package let parameters: [Parameter]

  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  private let transposedWeight = FloatBuffer()
  private var input: UnsafeMutablePointer<Float>?
  private var batch = 0

  /// A layer with PyTorch's default initialisation: U(−1/√in, 1/√in) for weight and bias.
  package init(_ inputFeatures: Int, _ outputFeatures: Int, generator: inout SeededGenerator) {
    self.inputFeatures = inputFeatures
    self.outputFeatures = outputFeatures
    weight = Parameter(name: "weight", shape: [outputFeatures, inputFeatures])
    bias = Parameter(name: "bias", shape: [outputFeatures])
    parameters = [weight, bias]
    let bound = 1 / Float(max(inputFeatures, 1)).squareRoot()
    weight.initializeUniform(bound: bound, using: &generator)
    bias.initializeUniform(bound: bound, using: &generator)
  }

  package var scratchCapacity: Int {
    output.capacity + inputGradient.capacity + transposedWeight.capacity
  }

  package var description: String {
    "Linear(in_features=\(inputFeatures), out_features=\(outputFeatures))"
  }

  package func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    guard input.count == inputFeatures else {
      throw ShapeError("\(description) takes \(inputFeatures) values per sample, got \(input)")
    }
    return .vector(outputFeatures)
  }

  package func forward(_ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int)
    -> UnsafeMutablePointer<Float>
  {
    self.input = input
    self.batch = batch
    let y = output.reserve(batch * outputFeatures)
    // Start every row at the bias, then accumulate x·Wᵀ on top in one GEMM.
    for n in 0..<batch { (y + n * outputFeatures).update(from: bias.value, count: outputFeatures) }
    if batch == 1 {
      BLAS.gemv(m: outputFeatures, n: inputFeatures, weight.value, input, beta: 1, y)
    } else {
      BLAS.gemm(
        transposeB: true, m: batch, n: outputFeatures, k: inputFeatures, input, weight.value,
        beta: 1, y)
    }
    return y
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard let input else { preconditionFailure("Linear.backward before forward") }
    // dW = dYᵀ·X  ([out, N]·[N, in])
    BLAS.gemm(
      transposeA: true, m: outputFeatures, n: inputFeatures, k: batch, outputGradient, input,
      weight.gradient)
    // db = Σₙ dY
    let db = bias.gradient
    db.update(repeating: 0, count: outputFeatures)
    for n in 0..<batch {
      let row = outputGradient + n * outputFeatures
      for o in 0..<outputFeatures { db[o] += row[o] }
    }
    guard needsInputGradient else { return nil }
    // dX = dY·W  ([N, out]·[out, in]), computed as dY·(Wᵀ)ᵀ: OpenBLAS 0.3.21's
    // small-matrix kernel mallocs on every plain product of some shapes (N = 20
    // or 40, say), and a training step must not allocate.
    let wt = transposedWeight.reserve(weight.count)
    for o in 0..<outputFeatures {
      let row = weight.value + o * inputFeatures
      for i in 0..<inputFeatures { wt[i * outputFeatures + o] = row[i] }
    }
    let dx = inputGradient.reserve(batch * inputFeatures)
    BLAS.gemm(
      transposeB: true, m: batch, n: inputFeatures, k: outputFeatures, outputGradient, wt, dx)
    return dx
  }
}
