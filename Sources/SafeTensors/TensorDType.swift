/// The element type of a stored tensor, named as in the safetensors header.
///
/// Reading accepts every case; writing accepts `float32`, `float16` and
/// `int64` (see `isWritable`). `BOOL` and the 8-bit float formats are not
/// cases: a file that uses them is rejected with a clear message.
package enum TensorDType: String, CaseIterable, Sendable, Hashable {
  case float64 = "F64"
  case float32 = "F32"
  case float16 = "F16"
  case bfloat16 = "BF16"
  case int64 = "I64"
  case int32 = "I32"
  case int16 = "I16"
  case int8 = "I8"
  case uint64 = "U64"
  case uint32 = "U32"
  case uint16 = "U16"
  case uint8 = "U8"

  /// Bytes one element occupies in the data buffer.
  package var byteSize: Int {
    switch self {
    case .float64, .int64, .uint64: 8
    case .float32, .int32, .uint32: 4
    case .float16, .bfloat16, .int16, .uint16: 2
    case .int8, .uint8: 1
    }
  }

  /// Whether `SafeTensorsFile.serialized()` can store tensors of this type.
  package var isWritable: Bool {
    self == .float32 || self == .float16 || self == .int64
  }

  /// The header's name for the type, such as `"F32"`.
  package var headerName: String { rawValue }
}
