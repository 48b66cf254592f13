import FaceVAE

/// One axis of the map: a slider's value as a linear function of the code,
/// `value(z) = weights·z + bias`, in the slider's σ.
package struct MapAxis: Hashable, Sendable {
  /// The slider whose value the axis shows (a dimension, a bank's direction, an attribute).
  package var target: Slider.Target
  /// The name under the axis (`pca0`, `z7`, `smile`).
  package var name: String
  /// `[D]`: a unit direction over its σ (a dimension: the unit vector of that component).
  package var weights: [Float]
  /// The value at z = 0, σ (an attribute's offset over its spread; 0 otherwise).
  package var bias: Float

  package init(target: Slider.Target, name: String, weights: [Float], bias: Float = 0) {
    self.target = target
    self.name = name
    self.weights = weights
    self.bias = bias
  }

  /// The axis's value for `code` (`[D]`), σ.
  package func value(of code: [Float]) -> Float {
    var sum = Double(bias)
    for i in 0..<min(code.count, weights.count) { sum += Double(weights[i]) * Double(code[i]) }
    return Float(sum)
  }

  /// The axis's value for row `row` of `codes`, σ.
  package func value(of codes: LatentCodes, row: Int) -> Float {
    var sum = Double(bias)
    let base = row * codes.dimensions
    codes.values.withUnsafeBufferPointer { values in
      for i in 0..<min(codes.dimensions, weights.count) {
        sum += Double(weights[i]) * Double(values[base + i])
      }
    }
    return Float(sum)
  }
}
