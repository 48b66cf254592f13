import NeuralCore

/// One layer of an encoder, head or decoder as the config JSON states it: PyTorch's module
/// name and constructor arguments, and the layer's `state_dict` prefix.
///
/// ```json
/// {"type": "Conv2d", "name": "encoder.0.0", "in_channels": 3, "out_channels": 32, "kernel_size": 3}
/// {"type": "Unflatten", "shape": [256, 4, 4]}
/// ```
package struct LayerSpec: Hashable, Sendable {
  /// The `state_dict` prefix of the layer's tensors (`encoder.0.0` → `encoder.0.0.weight`);
  /// nil names the layer by its position (`encoder.3`), as format 1 does.
  package var name: String?
  /// What the layer computes.
  package var kind: LayerKind

  package init(_ kind: LayerKind, name: String? = nil) {
    self.kind = kind
    self.name = name
  }
}

// The stock configs' layers, by PyTorch's module names.
extension LayerSpec {
  package static func linear(inFeatures: Int, outFeatures: Int, bias: Bool = true) -> LayerSpec {
    LayerSpec(.linear(inFeatures: inFeatures, outFeatures: outFeatures, bias: bias))
  }

  package static func conv2d(
    inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0
  ) -> LayerSpec {
    LayerSpec(
      .conv2d(
        ConvolutionSpec(
          inChannels: inChannels, outChannels: outChannels, kernel: Size2D(kernel),
          stride: Size2D(stride), padding: Size2D(padding))))
  }

  package static func convTranspose2d(
    inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    outputPadding: Int = 0
  ) -> LayerSpec {
    LayerSpec(
      .convTranspose2d(
        ConvolutionSpec(
          inChannels: inChannels, outChannels: outChannels, kernel: Size2D(kernel),
          stride: Size2D(stride), padding: Size2D(padding), outputPadding: Size2D(outputPadding))))
  }

  package static var relu: LayerSpec { LayerSpec(.activation(.relu)) }
  package static func leakyReLU(slope: Float) -> LayerSpec {
    LayerSpec(.activation(.leakyReLU(slope: slope)))
  }
  package static var tanh: LayerSpec { LayerSpec(.activation(.tanh)) }
  package static var sigmoid: LayerSpec { LayerSpec(.activation(.sigmoid)) }
  package static var flatten: LayerSpec { LayerSpec(.flatten) }
  package static func unflatten(_ shape: Shape) -> LayerSpec { LayerSpec(.unflatten(shape)) }
}
