/// One named tensor of a safetensors file, with its values as `Float`.
///
/// `dtype` is the type in the file: reading converts every supported type to
/// `Float` and records the original here; writing stores the values as this
/// type (`F32`, `F16` or `I64`). Values are row-major, like the file.
package struct StoredTensor: Equatable, Sendable {
  /// The element type in the file.
  package var dtype: TensorDType
  /// The dimensions, outermost first; `[]` is a scalar (one value).
  package var shape: [Int]
  /// `shape`'s product of values, row-major.
  package var values: [Float]

  /// A tensor of `shape` holding `values` (which must have `shape`'s product of elements).
  package init(shape: [Int], values: [Float], dtype: TensorDType = .float32) {
    precondition(shape.allSatisfy { $0 >= 0 }, "a shape has no negative dimensions: \(shape)")
    precondition(
      Self.elementCount(of: shape) == values.count,
      "shape \(shape) needs \(Self.elementCount(of: shape) ?? -1) values, not \(values.count)")
    self.dtype = dtype
    self.shape = shape
    self.values = values
  }

  /// A tensor of `shape` holding integer labels (stored as `I64`).
  package init(shape: [Int], integers: [Int]) {
    self.init(shape: shape, values: integers.map { Float($0) }, dtype: .int64)
  }

  /// How many values `shape` holds, or nil when the count does not fit in `Int`.
  package static func elementCount(of shape: [Int]) -> Int? {
    var count = 1
    for dimension in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      if overflow || dimension < 0 { return nil }
      count = product
    }
    return count
  }

  /// `shape` written as in messages and PyTorch: `[32, 1, 4, 4]`.
  package static func describe(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }
}
