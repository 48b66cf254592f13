import LatentBasics

/// A fully connected layer, `y = x·Wᵀ + b`, as PyTorch's `nn.Linear`.
///
/// Input `[N, in]` (any sample shape with `in` values), output `[N, out]`;
/// weight `[out, in]`, bias `[out]` (none with `bias: false`: `y = x·Wᵀ`).
package final class Linear: Layer {
  package let inputFeatures: Int
  package let outputFeatures: Int
  /// `[out, in]`.
  package let weight: Parameter
  /// `[out]`, or nil for a layer made with `bias: false`.
  package let bias: Parameter?
  package let parameters: [Parameter]

  /// Above this many inputs (columns of dX), dX = dY·W is a plain product; at or below
  /// it, OpenBLAS's small-matrix kernel would allocate on every call.
  static let plainProductMinimumColumns = 64

  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  private let transposedWeight = FloatBuffer()
  private var input: UnsafeMutablePointer<Float>?
  private var batch = 0
  private var threading = Threading.single

  /// A layer with PyTorch's default initialisation: U(−1/√in, 1/√in) for weight and bias
  /// (the weight first, then the bias).
  package init(
    _ inputFeatures: Int, _ outputFeatures: Int, bias: Bool = true,
    generator: inout SeededGenerator
  ) {
    self.inputFeatures = inputFeatures
    self.outputFeatures = outputFeatures
    weight = Parameter(name: "weight", shape: [outputFeatures, inputFeatures])
    self.bias = bias ? Parameter(name: "bias", shape: [outputFeatures]) : nil
    parameters = [weight] + (self.bias.map { [$0] } ?? [])
    let bound = 1 / Float(max(inputFeatures, 1)).squareRoot()
    for parameter in parameters { parameter.initializeUniform(bound: bound, using: &generator) }
  }

  package var scratchCapacity: Int {
    output.capacity + inputGradient.capacity + transposedWeight.capacity
  }

  package var description: String {
    "Linear(in_features=\(inputFeatures), out_features=\(outputFeatures)"
      + (bias == nil ? ", bias=False)" : ")")
  }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape {
    try Self.outputShape(
      for: input, inputFeatures: inputFeatures, outputFeatures: outputFeatures, layer: description)
  }

  /// The output shape of a layer with these arguments, without making one (`layer` names it
  /// in errors): what ``outputShape(for:)`` returns.
  package static func outputShape(
    for input: Shape, inputFeatures: Int, outputFeatures: Int, layer: @autoclosure () -> String
  ) throws(LatentError) -> Shape {
    guard input.count == inputFeatures else {
      throw LatentError(
        .configuration, "\(layer()) takes \(inputFeatures) values per sample, got \(input)")
    }
    return .vector(outputFeatures)
  }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    self.input = input
    self.batch = batch
    self.threading = threading
    let y = output.reserve(batch * outputFeatures)
    let (weight, bias, inputFeatures, outputFeatures) =
      (weight.value, bias?.value, inputFeatures, outputFeatures)
    if batch == 1 {
      // From the bias or zeros (OpenBLAS's gemv may scale what y held by a beta of 0).
      if let bias {
        y.update(from: bias, count: outputFeatures)
      } else {
        y.update(repeating: 0, count: outputFeatures)
      }
      BLAS.gemv(m: outputFeatures, n: inputFeatures, weight, input, beta: 1, y)
      return y
    }
    // Rows of the batch on each worker: start every row at the bias, then accumulate
    // x·Wᵀ on top in one GEMM (without a bias, the GEMM writes the rows).
    Parallel.forEachPart(of: batch, threading: threading) { rows in
      if let bias {
        for n in rows { (y + n * outputFeatures).update(from: bias, count: outputFeatures) }
      }
      BLAS.gemm(
        transposeB: true, m: rows.count, n: outputFeatures, k: inputFeatures,
        input + rows.lowerBound * inputFeatures, weight, beta: bias == nil ? 0 : 1,
        y + rows.lowerBound * outputFeatures)
    }
    return y
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard let input else { preconditionFailure("Linear.backward before forward") }
    let (batch, inputFeatures, outputFeatures) = (batch, inputFeatures, outputFeatures)
    let (weight, dW, db) = (weight.value, weight.gradient, bias?.gradient)
    // Output features on each worker: dW = dYᵀ·X ([out, N]·[N, in]) and db = Σₙ dY.
    Parallel.forEachPart(of: outputFeatures, threading: threading) { features in
      BLAS.gemm(
        transposeA: true, m: features.count, n: inputFeatures, k: batch,
        outputGradient + features.lowerBound, lda: outputFeatures, input,
        dW + features.lowerBound * inputFeatures)
      guard let db else { return }
      for o in features { db[o] = 0 }
      for n in 0..<batch {
        let row = outputGradient + n * outputFeatures
        for o in features { db[o] += row[o] }
      }
    }
    guard needsInputGradient else { return nil }
    let dx = inputGradient.reserve(batch * inputFeatures)
    // dX = dY·W  ([N, out]·[out, in]). OpenBLAS 0.3.21's small-matrix kernel mallocs on
    // every plain product with few columns (in = 20 or 40, say), and a training step must
    // not allocate: there it is computed as dY·(Wᵀ)ᵀ from a transposed copy instead.
    let b: UnsafePointer<Float>
    let transposed = inputFeatures <= Self.plainProductMinimumColumns
    if transposed {
      let wt = transposedWeight.reserve(inputFeatures * outputFeatures)
      for i in 0..<inputFeatures {
        for o in 0..<outputFeatures { wt[i * outputFeatures + o] = weight[o * inputFeatures + i] }
      }
      b = UnsafePointer(wt)
    } else {
      b = UnsafePointer(weight)
    }
    // Rows of the batch on each worker.
    Parallel.forEachPart(of: batch, threading: threading) { rows in
      BLAS.gemm(
        transposeB: transposed, m: rows.count, n: inputFeatures, k: outputFeatures,
        outputGradient + rows.lowerBound * outputFeatures, b,
        dx + rows.lowerBound * inputFeatures)
    }
    return dx
  }
}
