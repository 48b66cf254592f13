import LatentBasics

/// A fixed per-channel map `y[n, c, …] = x[n, c, …]·scale[c] + shift[c]` over `[N, C, H, W]`
/// (or `[N, C]`): torchvision's `Normalize(mean, std)` is `scale = 1/std`,
/// `shift = −mean/std`. No parameters; backward is `dx = dy·scale[c]`.
package final class ChannelAffine: Layer {
  /// The factor per channel, `[C]`.
  package let scale: [Float]
  /// The offset per channel, `[C]`.
  package let shift: [Float]
  package let parameters: [Parameter] = []

  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  private var batch = 0
  private var plane = 1
  private var threading = Threading.single

  /// The map with `scale[c]` and `shift[c]` for channel c; both hold one value per channel.
  package init(scale: [Float], shift: [Float]) {
    precondition(scale.count == shift.count, "\(scale.count) scales, \(shift.count) shifts")
    self.scale = scale
    self.shift = shift
  }

  package var scratchCapacity: Int { output.capacity + inputGradient.capacity }

  package var description: String { "ChannelAffine(channels=\(scale.count))" }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape {
    guard input.channels == scale.count else {
      throw LatentError(
        .configuration, "\(description) needs \(scale.count) channels, got \(input)")
    }
    return input
  }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    self.batch = batch
    self.threading = threading
    plane = shape.plane
    let output = self.output.reserve(batch * shape.count)
    apply(to: input, into: output, shifting: true)
    return output
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard needsInputGradient else { return nil }
    let inputGradient = self.inputGradient.reserve(batch * scale.count * plane)
    apply(to: outputGradient, into: inputGradient, shifting: false)
    return inputGradient
  }

  /// `target = source·scale[c] (+ shift[c])` over the last batch's `[N, C, plane]` values.
  private func apply(
    to source: UnsafeMutablePointer<Float>, into target: UnsafeMutablePointer<Float>,
    shifting: Bool
  ) {
    let (channels, plane, scale, shift) = (scale.count, plane, scale, shift)
    let rows = batch * channels
    Parallel.forEachPart(of: rows, values: rows * plane, threading: threading) { part in
      for row in part {
        let c = row % channels
        let (a, b) = (scale[c], shifting ? shift[c] : 0)
        VectorLoop.map(plane, source + row * plane, into: target + row * plane) {
          FastMath.multiplyAdd($0, FastMath.Vector(repeating: a), b)
        }
      }
    }
  }
}
