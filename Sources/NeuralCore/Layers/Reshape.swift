import LatentBasics

/// Reinterprets each sample's values under a new shape, as PyTorch's
/// `nn.Flatten()` (target `[C·H·W]`) or `nn.Unflatten(1, (C, H, W))`.
///
/// NCHW samples are contiguous, so no value moves: forward and backward
/// hand their buffers through.
package final class Reshape: Layer {
  /// The per-sample shape after the layer; `nil` flattens.
  package let target: Shape?
  package let parameters: [Parameter] = []
  package let scratchCapacity = 0

  /// A flatten to one vector per sample.
  package static func flatten() -> Reshape { Reshape(target: nil) }

  package init(target: Shape?) { self.target = target }

  package var description: String {
    guard let target else { return "Flatten()" }
    let dims = target.dimensions.map(String.init).joined(separator: ", ")
    return "Unflatten(dim=1, unflattened_size=(\(dims)))"
  }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape {
    guard let target else { return .vector(input.count) }
    guard target.count == input.count else {
      throw LatentError(
        .configuration, "cannot reshape \(input) (\(input.count) values) to \(target)")
    }
    return target
  }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> { input }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  { needsInputGradient ? outputGradient : nil }
}
