import LatentBasics

/// A trainable tensor with its gradient, named as in a PyTorch `state_dict`; also a layer's
/// non-trainable state (a ``Layer/buffers`` entry such as BatchNorm's `running_mean`), whose
/// gradient stays unused.
///
/// `value` and `gradient` hold `shape.reduce(1, *)` Float32 values in row-major
/// order, with PyTorch's layouts (Linear `[out, in]`, Conv2d `[out, in, kh, kw]`,
/// ConvTranspose2d `[in, out, kh, kw]`, biases `[out]`).
package final class Parameter {
  /// The last part of the name: `weight`, `bias`, or a buffer's (`running_mean`).
  package let name: String
  /// PyTorch shape; `[]` is one value (a scalar).
  package let shape: [Int]
  /// Whether the file stores the value as a 64-bit integer (I64, BatchNorm's
  /// `num_batches_tracked`); it is held here as a Float32 whole number (exact to 2²⁴).
  package let isInteger: Bool
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

  /// A zero-filled tensor of `shape`; `isInteger` marks a value stored as I64.
  package init(name: String, shape: [Int], isInteger: Bool = false) {
    self.name = name
    self.shape = shape
    self.isInteger = isInteger
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
    // One copy of contiguous storage (an Array): element by element, through a generic
    // collection that is not specialized across the module boundary, the bundled model's
    // 2.2 million values took about 100 ms, which a face waiting behind new weights felt.
    let copied: Void? = newValues.withContiguousStorageIfAvailable { source in
      if let first = source.baseAddress { value.update(from: first, count: count) }
    }
    if copied == nil {
      var i = 0
      for v in newValues {
        value[i] = v
        i += 1
      }
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
