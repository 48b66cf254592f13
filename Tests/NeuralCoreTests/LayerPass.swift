import NeuralCore

/// What one forward and backward pass of a layer computed.
struct LayerPass {
  /// The forward output, `[N, out]` flattened.
  var output: [Float]
  /// dLoss/dInput for dLoss/dOutput = the upstream values given.
  var inputGradient: [Float]
  /// Every parameter's gradient, in ``Layer/parameters`` order.
  var parameterGradients: [[Float]]

  /// Runs `layer` forward on `batch` samples of `shape` and back with `upstream`, keeping
  /// both arrays alive while the layer holds pointers into them.
  init(
    _ layer: Layer, input: [Float], shape: Shape, batch: Int, upstream: [Float],
    threading: Threading = .single
  ) throws {
    let outputCount = batch * (try layer.outputShape(for: shape)).count
    var x = input
    var g = upstream
    var output: [Float] = []
    var inputGradient: [Float] = []
    x.withUnsafeMutableBufferPointer { xp in
      let y = layer.forward(xp.baseAddress!, shape: shape, batch: batch, threading: threading)
      output = Array(UnsafeBufferPointer(start: y, count: outputCount))
      g.withUnsafeMutableBufferPointer { gp in
        let dx = layer.backward(gp.baseAddress!, needsInputGradient: true)!
        inputGradient = Array(UnsafeBufferPointer(start: dx, count: input.count))
      }
    }
    self.output = output
    self.inputGradient = inputGradient
    parameterGradients = layer.parameters.map(\.gradients)
  }
}

/// Σ upstream · y in Double: the scalar whose gradient a backward pass computes.
func weightedSum(_ upstream: [Float], _ y: [Double]) -> Double {
  zip(upstream, y).reduce(0) { $0 + Double($1.0) * $1.1 }
}
