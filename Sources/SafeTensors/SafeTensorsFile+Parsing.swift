import LatentBasics

extension SafeTensorsFile {
  /// The largest header the reader accepts, as in the reference implementation.
  package static let maximumHeaderLength = 100_000_000

  /// Reads and validates the safetensors file at `path`.
  ///
  /// Throws a `LatentError` (`<path>: <problem>`) when the file cannot be
  /// read or breaks any rule that `parse(bytes:source:)` checks.
  package static func read(contentsOf path: String) throws(LatentError) -> SafeTensorsFile {
    let bytes: [UInt8]
    do {
      bytes = try POSIXFile.readAll(path)
    } catch {
      throw LatentError(error.kind, path: path, error.problem)
    }
    return try parse(bytes: bytes, source: path)
  }

  /// Validates `bytes` as a safetensors file and converts its tensors to `Float`.
  ///
  /// Checks, naming the first defect found: the length field and the 100 MB
  /// header limit; that the header is UTF-8 JSON starting with `{`, with no
  /// duplicate keys; each entry's `dtype`, `shape` and `data_offsets`; that
  /// each tensor's bytes match its shape; and that the tensors cover the data
  /// buffer exactly, with no overlaps and no holes (trailing bytes included).
  /// Memory use is bounded by a small multiple of `bytes.count`.
  /// - Parameter source: the file's name, used at the start of error messages.
  package static func parse(bytes: [UInt8], source: String) throws(LatentError) -> SafeTensorsFile {
    func fail(_ problem: String) -> LatentError {
      LatentError(.container, path: source, problem)
    }
    guard bytes.count >= 8 else {
      throw fail("file is \(bytes.count) bytes, too short for the 8-byte header length")
    }
    var declaredLength: UInt64 = 0
    for index in (0..<8).reversed() {
      declaredLength = declaredLength << 8 | UInt64(bytes[index])
    }
    guard declaredLength <= UInt64(maximumHeaderLength) else {
      throw fail("header length \(declaredLength) exceeds the limit of \(maximumHeaderLength) bytes")
    }
    let headerLength = Int(declaredLength)
    guard headerLength <= bytes.count - 8 else {
      throw fail(
        "header length \(headerLength) is larger than the file "
          + "(\(bytes.count - 8) bytes after the length field)")
    }
    let headerBytes = Array(bytes[8..<(8 + headerLength)])
    let json = try parseHeader(headerBytes, fail: fail)
    guard case .object(let members) = json else {
      throw fail("header is \(json.kindDescription), not a JSON object")
    }

    let dataStart = 8 + headerLength
    let bufferSize = bytes.count - dataStart
    var metadata: [String: String] = [:]
    var entries: [TensorEntry] = []
    for name in members.keys.sorted(by: utf8Precedes) {
      guard let value = members[name] else { continue }
      if name == "__metadata__" {
        metadata = try parseMetadata(value, fail: fail)
      } else {
        entries.append(try TensorEntry(name: name, json: value, bufferSize: bufferSize, file: source))
      }
    }
    try checkLayout(entries, bufferSize: bufferSize, fail: fail)

    var tensors: [String: StoredTensor] = [:]
    let raw = bytes.span.bytes
    for entry in entries {
      let slice = raw.extracting((dataStart + entry.begin)..<(dataStart + entry.end))
      let values = entry.dtype.decodeLittleEndian(slice, count: entry.elementCount)
      tensors[entry.name] = StoredTensor(shape: entry.shape, values: values, dtype: entry.dtype)
    }
    return SafeTensorsFile(tensors: tensors, metadata: metadata, source: source)
  }

  /// Checks the header's first byte and encoding, then parses it as strict JSON.
  private static func parseHeader(
    _ header: [UInt8], fail: (String) -> LatentError
  ) throws(LatentError) -> HeaderJSON {
    guard header.first == UInt8(ascii: "{") else {
      if header.isEmpty { throw fail("header is empty (it must be a JSON object starting with '{')") }
      let first = header[0] >= 0x20 && header[0] < 0x7F ? "'\(Character(Unicode.Scalar(header[0])))'" : "byte \(header[0])"
      throw fail("header starts with \(first), not '{' (it must be a JSON object)")
    }
    guard String(validating: header, as: UTF8.self) != nil else {
      throw fail("header is not valid UTF-8")
    }
    do {
      return try StrictJSONParser.parse(header)
    } catch {
      throw fail("bad header JSON: \(error.problem)")
    }
  }

  /// Reads `__metadata__`, which must be an object of strings (or null, read as empty).
  private static func parseMetadata(
    _ json: HeaderJSON, fail: (String) -> LatentError
  ) throws(LatentError) -> [String: String] {
    if json == .null { return [:] }
    guard case .object(let members) = json else {
      throw fail("__metadata__ is \(json.kindDescription), not an object of strings")
    }
    var metadata: [String: String] = [:]
    for key in members.keys.sorted(by: utf8Precedes) {
      guard case .string(let value) = members[key] else {
        let kind = members[key]?.kindDescription ?? "missing"
        throw fail("__metadata__ value for key '\(key)' is \(kind), not a string")
      }
      metadata[key] = value
    }
    return metadata
  }

  /// Checks that the entries tile the data buffer: no overlaps, no holes, no trailing bytes.
  private static func checkLayout(
    _ entries: [TensorEntry], bufferSize: Int, fail: (String) -> LatentError
  ) throws(LatentError) {
    let ordered = entries.sorted {
      ($0.begin, $0.end) < ($1.begin, $1.end)
        || (($0.begin, $0.end) == ($1.begin, $1.end) && utf8Precedes($0.name, $1.name))
    }
    var covered = 0
    var previous: TensorEntry?
    for entry in ordered {
      if entry.begin < covered, let previous {
        throw fail(
          "tensors '\(previous.name)' [\(previous.begin), \(previous.end)] and "
            + "'\(entry.name)' [\(entry.begin), \(entry.end)] overlap in the data buffer")
      }
      if entry.begin > covered {
        throw fail(
          "bytes \(covered)..<\(entry.begin) of the data buffer belong to no tensor "
            + "(a hole before '\(entry.name)')")
      }
      covered = entry.end
      previous = entry
    }
    if covered < bufferSize {
      throw fail(
        "bytes \(covered)..<\(bufferSize) of the data buffer belong to no tensor (trailing bytes)")
    }
  }
}
