import LatentBasics

/// PyTorch's `nn.Dropout(p)`: in training mode each value is zeroed with probability `p`
/// and the kept ones are scaled by 1/(1 − p) (`p = 1` zeroes everything); in evaluation
/// mode (the start) forward returns its input pointer and backward its output gradient,
/// without copying. Any shape.
///
/// The mask of training forward `t` (counted from 1) comes from ``SeededGenerator``: a
/// generator of `seed` draws one 64-bit step seed per training forward, and the values
/// `4096·k ..< 4096·(k + 1)` of that forward keep their place when
/// `SeededGenerator(seed: stepSeed, stream: k).nextUnit() ≥ p`, one draw per value, so the
/// same seed gives the same masks on any number of threads.
package final class Dropout: Layer {
  /// The probability of zeroing a value in training.
  package let probability: Float
  package let parameters: [Parameter] = []
  /// Training (random masks) or evaluation (identity) mode.
  package private(set) var isTraining = false

  /// Values per generator stream of one mask.
  private static let valuesPerStream = 4096
  private var generator: SeededGenerator
  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  /// 0 or 1/(1 − p) per value of the last training forward.
  private let mask = FloatBuffer()
  private var count = 0
  private var trainedLastForward = false
  private var threading = Threading.single

  /// A layer zeroing values with probability `probability` (in [0, 1]) in training, its
  /// masks drawn from `seed`.
  package init(probability: Float, seed: UInt64) {
    precondition((0...1).contains(probability), "dropout probability \(probability)")
    self.probability = probability
    generator = SeededGenerator(seed: seed)
  }

  package func setTraining(_ training: Bool) { isTraining = training }

  package var scratchCapacity: Int { output.capacity + inputGradient.capacity + mask.capacity }

  package var description: String { "Dropout(p=\(probability), inplace=False)" }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape { input }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    trainedLastForward = isTraining
    guard isTraining else { return input }
    self.threading = threading
    count = batch * shape.count
    let (count, probability) = (count, probability)
    let output = self.output.reserve(count)
    let mask = self.mask.reserve(count)
    let kept: Float = probability < 1 ? 1 / (1 - probability) : 0
    let stepSeed = generator.next()
    let streams = (count + Dropout.valuesPerStream - 1) / Dropout.valuesPerStream
    Parallel.forEachPart(of: streams, values: count, threading: threading) { part in
      for stream in part {
        var random = SeededGenerator(seed: stepSeed, stream: stream)
        let start = stream * Dropout.valuesPerStream
        for i in start..<min(start + Dropout.valuesPerStream, count) {
          mask[i] = random.nextUnit() >= probability ? kept : 0
        }
        let n = min(Dropout.valuesPerStream, count - start)
        VectorLoop.map(n, input + start, mask + start, into: output + start) { $0 * $1 }
      }
    }
    return output
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard needsInputGradient else { return nil }
    guard trainedLastForward else { return outputGradient }
    let (count, mask) = (count, mask.pointer)
    let inputGradient = self.inputGradient.reserve(count)
    Parallel.forEachPart(of: count, values: count, threading: threading) { part in
      let start = part.lowerBound
      VectorLoop.map(part.count, outputGradient + start, mask + start, into: inputGradient + start)
      { $0 * $1 }
    }
    return inputGradient
  }
}
