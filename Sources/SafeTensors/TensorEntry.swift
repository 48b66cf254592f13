import LatentBasics

/// One tensor's line in a safetensors header, checked on its own.
///
/// Built by `TensorEntry.init(name:json:bufferSize:file:)`, which accepts only
/// an entry whose dtype is readable, whose shape is valid, and whose
/// `data_offsets` lie inside the data buffer and hold exactly the bytes the
/// shape needs. Overlaps and holes between entries are checked later.
struct TensorEntry {
  let name: String
  let dtype: TensorDType
  let shape: [Int]
  let elementCount: Int
  /// First byte, relative to the start of the data buffer.
  let begin: Int
  /// One past the last byte, relative to the start of the data buffer.
  let end: Int

  /// Safetensors type names that exist but that this reader does not convert.
  static let knownUnsupportedTypes: Set<String> = [
    "BOOL", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64",
  ]

  init(name: String, json: HeaderJSON, bufferSize: Int, file: String) throws(LatentError) {
    func fail(_ problem: String) -> LatentError {
      LatentError(.container, path: file, "tensor '\(name)': \(problem)")
    }
    guard case .object(let fields) = json else {
      throw fail("header entry is \(json.kindDescription), not an object")
    }
    func field(_ key: String) throws(LatentError) -> HeaderJSON {
      guard let value = fields[key] else { throw fail("header entry has no '\(key)'") }
      return value
    }

    guard case .string(let dtypeName) = try field("dtype") else {
      throw fail("'dtype' is \(try field("dtype").kindDescription), not a string")
    }
    guard let dtype = TensorDType(rawValue: dtypeName) else {
      if Self.knownUnsupportedTypes.contains(dtypeName) {
        throw fail(
          "dtype \(dtypeName) is not supported (readable: F64, F32, F16, BF16, I8-I64, U8-U64)")
      }
      throw fail("unknown dtype '\(dtypeName)'")
    }

    guard case .array(let shapeJSON) = try field("shape") else {
      throw fail("'shape' is \(try field("shape").kindDescription), not an array")
    }
    var shape: [Int] = []
    for dimension in shapeJSON {
      shape.append(try Self.nonNegativeInteger(dimension, what: "shape entry", fail: fail))
    }
    guard let elementCount = StoredTensor.elementCount(of: shape),
      case (let byteCount, false) = elementCount.multipliedReportingOverflow(by: dtype.byteSize)
    else {
      throw fail("shape \(StoredTensor.describe(shape)) has more elements than a file can hold")
    }

    let offsetsField = try field("data_offsets")
    guard case .array(let offsetsJSON) = offsetsField else {
      throw fail(
        "'data_offsets' is \(offsetsField.kindDescription), not an array of two integers [BEGIN, END]"
      )
    }
    guard offsetsJSON.count == 2 else {
      throw fail("'data_offsets' has \(offsetsJSON.count) entries, not two integers [BEGIN, END]")
    }
    let begin = try Self.nonNegativeInteger(offsetsJSON[0], what: "data_offsets BEGIN", fail: fail)
    let end = try Self.nonNegativeInteger(offsetsJSON[1], what: "data_offsets END", fail: fail)
    guard begin <= end else {
      throw fail("data_offsets [\(begin), \(end)] begin after they end")
    }
    guard end <= bufferSize else {
      throw fail("data_offsets end at byte \(end), beyond the \(bufferSize)-byte data buffer")
    }
    guard end - begin == byteCount else {
      throw fail(
        "data_offsets [\(begin), \(end)] hold \(end - begin) bytes, but shape "
          + "\(StoredTensor.describe(shape)) of \(dtype.headerName) needs \(byteCount)")
    }

    self.name = name
    self.dtype = dtype
    self.shape = shape
    self.elementCount = elementCount
    self.begin = begin
    self.end = end
  }

  /// Reads a JSON value that must be a non-negative integer fitting in `Int`.
  private static func nonNegativeInteger(
    _ json: HeaderJSON, what: String, fail: (String) -> LatentError
  ) throws(LatentError) -> Int {
    switch json.nonNegativeInteger {
    case .value(let value): return value
    case .negative: throw fail("\(what) \(Self.text(of: json)) is negative")
    case .tooLarge: throw fail("\(what) \(Self.text(of: json)) is too large")
    case .notAnInteger: throw fail("\(what) \(Self.text(of: json)) is not an integer")
    }
  }

  /// A short rendering of a JSON value for messages.
  private static func text(of json: HeaderJSON) -> String {
    switch json {
    case .number(let literal): String(literal.prefix(40))
    case .string(let string): "\"\(string.prefix(40))\""
    default: json.kindDescription
    }
  }
}
