import LatentBasics

/// Layers applied in order, as PyTorch's `nn.Sequential`; parameters are
/// named `<index>.weight`, `<index>.bias` by the layer's position.
package final class Sequential {
  package let layers: [Layer]
  /// Shape of one input sample.
  package let inputShape: Shape
  /// Shape after each layer (`shapes[i]` is layer i's output).
  package let shapes: [Shape]
  /// Every parameter with its `state_dict` name relative to this sequence.
  package let namedParameters: [(name: String, parameter: Parameter)]

  /// Chains `layers` for inputs of `inputShape`.
  /// - Throws: a ``LatentError`` of kind `configuration` naming the first layer that does not fit.
  package init(_ layers: [Layer], inputShape: Shape) throws(LatentError) {
    self.layers = layers
    self.inputShape = inputShape
    var shapes: [Shape] = []
    var shape = inputShape
    for (index, layer) in layers.enumerated() {
      do {
        shape = try layer.outputShape(for: shape)
      } catch {
        throw LatentError(.configuration, "layer \(index): \(error.problem)")
      }
      shapes.append(shape)
    }
    self.shapes = shapes
    namedParameters = layers.enumerated().flatMap { index, layer in
      layer.parameters.map { (name: "\(index).\($0.name)", parameter: $0) }
    }
  }

  /// Every layer's ``Layer/buffers`` (non-trainable state), in layer order.
  package var buffers: [Parameter] { layers.flatMap(\.buffers) }

  /// Every buffer with its `state_dict` name relative to this sequence (`<index>.running_mean`).
  package var namedBuffers: [(name: String, parameter: Parameter)] {
    layers.enumerated().flatMap { index, layer in
      layer.buffers.map { (name: "\(index).\($0.name)", parameter: $0) }
    }
  }

  /// Puts every layer in training (`true`) or evaluation mode, as PyTorch's `train()` / `eval()`.
  package func setTraining(_ training: Bool) {
    for layer in layers { layer.setTraining(training) }
  }

  /// Float32 values in all layers' scratch buffers.
  package var scratchCapacity: Int { layers.reduce(0) { $0 + $1.scratchCapacity } }

  /// Shape of one output sample.
  package var outputShape: Shape { shapes.last ?? inputShape }

  /// Runs `batch` samples forward on the threads of `threading`; the result lives in the
  /// last layer's buffer.
  package func forward(
    _ input: UnsafeMutablePointer<Float>, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    var x = input
    var shape = inputShape
    for (index, layer) in layers.enumerated() {
      x = layer.forward(x, shape: shape, batch: batch, threading: threading)
      shape = shapes[index]
    }
    return x
  }

  /// Backpropagates dLoss/dOutput, setting every parameter's gradient;
  /// returns dLoss/dInput when asked for.
  @discardableResult
  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    var gradient: UnsafeMutablePointer<Float>? = outputGradient
    for index in layers.indices.reversed() {
      guard let dy = gradient else { break }
      gradient = layers[index].backward(dy, needsInputGradient: index > 0 || needsInputGradient)
    }
    return gradient
  }
}
