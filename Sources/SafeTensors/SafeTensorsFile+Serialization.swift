import LatentBasics

extension SafeTensorsFile {
  /// The file's bytes: length field, header, data buffer.
  ///
  /// The header is compact JSON with every object's keys sorted by their
  /// UTF-8 bytes (`__metadata__` is left out when the map is empty), padded
  /// with spaces so that the data buffer starts at a multiple of 8 bytes.
  /// Tensors are laid out back to back in the order of `names`. Each tensor
  /// is stored as its `dtype`: `F32`, `F16` (rounded to nearest even) or
  /// `I64` (values must be whole numbers in range).
  /// Throws a `LatentError` for a tensor that cannot be stored: a
  /// reserved name, an unwritable dtype, a shape that does not match the
  /// value count, or an `I64` value that is not a whole number.
  package func serialized() throws(LatentError) -> [UInt8] {
    var headerMembers: [(key: String, json: String)] = []
    if !metadata.isEmpty {
      let pairs = metadata.keys.sorted(by: Self.utf8Precedes).map { key in
        Self.jsonString(key) + ":" + Self.jsonString(metadata[key] ?? "")
      }
      headerMembers.append((key: "__metadata__", json: "{" + pairs.joined(separator: ",") + "}"))
    }

    var offset = 0
    var layout: [(name: String, tensor: StoredTensor)] = []
    for name in names {
      guard let tensor = tensors[name] else { continue }
      let byteCount = try checkWritable(name: name, tensor: tensor)
      let shape = tensor.shape.map(String.init).joined(separator: ",")
      let entry =
        "{\"data_offsets\":[\(offset),\(offset + byteCount)],"
        + "\"dtype\":\"\(tensor.dtype.headerName)\",\"shape\":[\(shape)]}"
      headerMembers.append((key: name, json: entry))
      layout.append((name: name, tensor: tensor))
      offset += byteCount
    }
    headerMembers.sort { Self.utf8Precedes($0.key, $1.key) }

    var header = Array(
      ("{" + headerMembers.map { Self.jsonString($0.key) + ":" + $0.json }.joined(separator: ",")
        + "}").utf8)
    let paddedLength = (header.count + 7) / 8 * 8
    header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: paddedLength - header.count))

    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + header.count + offset)
    Self.appendLittleEndian(UInt64(header.count), to: &bytes)
    bytes.append(contentsOf: header)
    for (_, tensor) in layout {
      Self.appendValues(of: tensor, to: &bytes)
    }
    return bytes
  }

  /// Checks that `tensor` can be written under `name` and returns its size in bytes.
  private func checkWritable(name: String, tensor: StoredTensor) throws(LatentError) -> Int {
    func fail(_ problem: String) -> LatentError {
      LatentError(.container, path: source, "tensor '\(name)': \(problem)")
    }
    guard name != "__metadata__" else {
      throw fail("the name is reserved for the metadata map")
    }
    guard tensor.dtype.isWritable else {
      throw fail(
        "cannot write dtype \(tensor.dtype.headerName) (the writer stores F32, F16 or I64)")
    }
    guard let count = StoredTensor.elementCount(of: tensor.shape), count == tensor.values.count
    else {
      throw fail(
        "shape \(StoredTensor.describe(tensor.shape)) does not match its \(tensor.values.count) values"
      )
    }
    if tensor.dtype == .int64, let bad = tensor.values.first(where: { Int64(exactly: $0) == nil }) {
      throw fail("value \(bad) cannot be stored as I64 (not a whole number in range)")
    }
    return count * tensor.dtype.byteSize
  }

  /// Appends the tensor's values in its dtype, little-endian.
  private static func appendValues(of tensor: StoredTensor, to bytes: inout [UInt8]) {
    switch tensor.dtype {
    case .float16:
      for value in tensor.values {
        appendLittleEndian(HalfPrecision.halfBits(from: value), to: &bytes)
      }
    case .int64:
      for value in tensor.values { appendLittleEndian(Int64(exactly: value) ?? 0, to: &bytes) }
    default:
      for value in tensor.values { appendLittleEndian(value.bitPattern, to: &bytes) }
    }
  }

  private static func appendLittleEndian<Value: FixedWidthInteger>(
    _ value: Value, to bytes: inout [UInt8]
  ) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
  package static func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
