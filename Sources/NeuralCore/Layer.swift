import LatentBasics

/// One stage of a network, with its forward and backward pass over a batch.
///
/// Data flows through raw pointers into buffers each layer owns, so a step
/// allocates nothing once the buffers have grown to the batch size. A layer's
/// output stays valid until its next ``forward(_:shape:batch:)``; ``backward``
/// must follow the forward pass of the same batch, and reads the input that
/// forward saw (the previous layer's output buffer).
package protocol Layer: AnyObject {
  /// The PyTorch module this layer matches, e.g. `Conv2d(3, 32, kernel_size=4, stride=2, padding=1)`.
  var description: String { get }

  /// Trainable parameters in PyTorch's order (weight, then bias); empty when there are none.
  var parameters: [Parameter] { get }

  /// Non-trainable state saved with the model, under short names (BatchNorm: `running_mean`,
  /// `running_var`, `num_batches_tracked`); empty by default.
  var buffers: [Parameter] { get }

  /// PyTorch's `train()` / `eval()`: batch statistics and dropout in training, running
  /// statistics and identity in evaluation. Layers start in evaluation mode; by default
  /// this does nothing (a layer that computes the same in both modes).
  func setTraining(_ training: Bool)

  /// Float32 values held in this layer's scratch buffers (outputs, gradients,
  /// columns); it only grows when a larger batch than before arrives.
  var scratchCapacity: Int { get }

  /// The shape of one output sample for one input sample.
  /// - Throws: a ``LatentError`` of kind `configuration` when the input cannot go through this layer.
  func outputShape(for input: Shape) throws(LatentError) -> Shape

  /// Runs `batch` samples of `shape` (NCHW, contiguous) forward on the threads of
  /// `threading` and returns the output; ``backward`` uses the same threads.
  func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float>

  /// Takes dLoss/dOutput for the last forward batch, sets every parameter's
  /// gradient, and returns dLoss/dInput when `needsInputGradient` is true.
  func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
}

extension Layer {
  /// No buffers.
  package var buffers: [Parameter] { [] }

  /// The same computation in training and evaluation: nothing to switch.
  package func setTraining(_ training: Bool) {}
}
