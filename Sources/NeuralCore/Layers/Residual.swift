import LatentBasics

/// A residual block, `y = body(x) + shortcut(x)`, the shortcut the identity when nil (a
/// ResNet block; a 1×1 convolution as the shortcut projects `x` to the body's shape).
///
/// Both paths take the block's input and must give the same shape; backward sends
/// dLoss/dOutput down both and adds their input gradients. ``parameters``, ``buffers`` and
/// ``setTraining(_:)`` reach every layer of both (body first, then shortcut).
package final class Residual: Layer {
  /// The main path.
  package let body: Sequential
  /// The projection on the skip path; nil: `x` itself.
  package let shortcut: Sequential?

  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  private var count = 0
  private var threading = Threading.single

  /// The block `body(x) + (shortcut?(x) ?? x)`.
  package init(body: Sequential, shortcut: Sequential?) {
    self.body = body
    self.shortcut = shortcut
  }

  package var parameters: [Parameter] {
    (body.namedParameters + (shortcut?.namedParameters ?? [])).map(\.parameter)
  }

  package var buffers: [Parameter] { body.buffers + (shortcut?.buffers ?? []) }

  package func setTraining(_ training: Bool) {
    body.setTraining(training)
    shortcut?.setTraining(training)
  }

  package var scratchCapacity: Int {
    output.capacity + inputGradient.capacity + body.scratchCapacity
      + (shortcut?.scratchCapacity ?? 0)
  }

  package var description: String {
    let shortcut = shortcut.map { "[\($0.layers.map(\.description).joined(separator: ", "))]" }
    return "Residual(body=[\(body.layers.map(\.description).joined(separator: ", "))], "
      + "shortcut=\(shortcut ?? "Identity()"))"
  }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape {
    guard input == body.inputShape else {
      throw LatentError(
        .configuration, "residual block: its body takes \(body.inputShape), got \(input)")
    }
    let skipped = shortcut?.outputShape ?? input
    if let shortcut, shortcut.inputShape != input {
      throw LatentError(
        .configuration, "residual block: its shortcut takes \(shortcut.inputShape), got \(input)")
    }
    guard body.outputShape == skipped else {
      throw LatentError(
        .configuration,
        "residual block: the body gives \(body.outputShape) but the shortcut \(skipped)")
    }
    return skipped
  }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    self.threading = threading
    count = batch * body.outputShape.count
    let main = body.forward(input, batch: batch, threading: threading)
    let skip = shortcut?.forward(input, batch: batch, threading: threading) ?? input
    let output = self.output.reserve(count)
    Residual.add(main, skip, into: output, count: count, threading: threading)
    return output
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    let main = body.backward(outputGradient, needsInputGradient: needsInputGradient)
    let skip: UnsafeMutablePointer<Float>? =
      if let shortcut {
        shortcut.backward(outputGradient, needsInputGradient: needsInputGradient)
      } else {
        outputGradient
      }
    guard needsInputGradient, let main, let skip else { return nil }
    let inputCount = count / body.outputShape.count * body.inputShape.count
    let inputGradient = self.inputGradient.reserve(inputCount)
    Residual.add(main, skip, into: inputGradient, count: inputCount, threading: threading)
    return inputGradient
  }

  /// `sum = a + b` over `count` values.
  private static func add(
    _ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>,
    into sum: UnsafeMutablePointer<Float>, count: Int, threading: Threading
  ) {
    Parallel.forEachPart(of: count, values: count, threading: threading) { part in
      let start = part.lowerBound
      VectorLoop.map(part.count, a + start, b + start, into: sum + start) { $0 + $1 }
    }
  }
}
