import LatentBasics

/// A trainable tensor with its gradient, named as in a PyTorch `state_dict`.
///
/// `value` and `gradient` hold `shape.reduce(1, *)` Float32 values in row-major
/// order, with PyTorch's layouts (Linear `[out, in]`, Conv2d `[out, in, kh, kw]`,
/// ConvTranspose2d `[in, out, kh, kw]`, biases `[out]`).
package final class Parameter {
  /// The last part of the name: `weight` or `bias`.
  package let name: String
  /// PyTorch shape.
  package let shape: [Int]
  /// Number of values.
  package let count: Int
  /// The values.
  package let value: UnsafeMutablePointer<Float>
  /// dLoss/dValue from the last backward pass.
  package let gradient: UnsafeMutablePointer<Float>
  /// Changes whenever the values do; code that writes ``value`` directly calls
  /// ``valuesChanged()``, so that layers keeping copies derived from the values
  /// (ConvTranspose2d's transposed weight) know to make them again.
  package private(set) var version = 0

  /// Records that the values were written.
  package func valuesChanged() { version &+= 1 }

  package init(name: String, shape: [Int]) {
    self.name = name
    self.shape = shape
    self.count = shape.reduce(1, *)
    self.value = .allocate(capacity: max(count, 1))
    self.value.initialize(repeating: 0, count: max(count, 1))
    self.gradient = .allocate(capacity: max(count, 1))
    self.gradient.initialize(repeating: 0, count: max(count, 1))
  }

  deinit {
    value.deallocate()
    gradient.deallocate()
  }

  /// The values as an array.
  package var values: [Float] { Array(UnsafeBufferPointer(start: value, count: count)) }

  /// The gradient as an array.
  package var gradients: [Float] { Array(UnsafeBufferPointer(start: gradient, count: count)) }

  /// Replaces the values; `newValues` must hold exactly ``count`` values.
  package func assign(_ newValues: some Collection<Float>) {
    precondition(
      newValues.count == count, "\(name): expected \(count) values, got \(newValues.count)")
    var i = 0
    for v in newValues {
      value[i] = v
      i += 1
    }
    valuesChanged()
  }

  /// Fills the values uniformly from [−bound, bound), PyTorch's default for
  /// Linear and convolution layers (bound = 1/√fan_in).
  package func initializeUniform(bound: Float, using generator: inout SeededGenerator) {
    for i in 0..<count { value[i] = generator.uniform(-bound, bound) }
    valuesChanged()
  }
}
