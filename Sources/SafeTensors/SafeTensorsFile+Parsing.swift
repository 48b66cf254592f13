import LatentBasics

extension SafeTensorsFile {
  /// The largest header the reader accepts, as in the reference implementation.
  package static let maximumHeaderLength = 100_000_000

  /// Reads and validates the safetensors file at `path`.
  ///
  /// Throws a `LatentError` (`<path>: <problem>`) when the file cannot be
  /// read or breaks any rule that `parse(bytes:source:)` checks. The file's size,
  /// then its header, are checked before the rest is read: a file over `maximumBytes`
  /// or a header over `maximumHeaderLength` is refused after reading at most 8 bytes,
  /// and a bad header before the data is read.
  package static func read(
    contentsOf path: String, maximumBytes: Int = .max,
    maximumHeaderLength: Int = maximumHeaderLength
  ) throws(LatentError) -> SafeTensorsFile {
    let file = try RegularFile(opening: path)
    guard file.size <= maximumBytes else {
      throw LatentError(
        .tooLarge, path: path, "file is \(file.size) bytes, over the limit of \(maximumBytes)")
    }
    let headerLength = try headerLength(
      file.read(offset: 0, count: 8), fileSize: file.size, limit: maximumHeaderLength, source: path)
    let header = try file.read(offset: 8, count: headerLength)
    let dataStart = 8 + headerLength
    let layout = try parseLayout(header, bufferSize: file.size - dataStart, source: path)
    let data = try file.read(offset: dataStart, count: file.size - dataStart)
    guard data.count == file.size - dataStart else {
      throw LatentError(.inputOutput, path: path, "the file shrank while it was read")
    }
    return SafeTensorsFile(
      tensors: decode(layout.entries, data: data.span.bytes), metadata: layout.metadata,
      source: path)
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
    let headerLength = try headerLength(
      Array(bytes.prefix(8)), fileSize: bytes.count, limit: maximumHeaderLength, source: source)
    let dataStart = 8 + headerLength
    let layout = try parseLayout(
      Array(bytes[8..<dataStart]), bufferSize: bytes.count - dataStart, source: source)
    return SafeTensorsFile(
      tensors: decode(layout.entries, data: bytes.span.bytes.extracting(dataStart..<bytes.count)),
      metadata: layout.metadata, source: source)
  }

  /// The header length from the file's first bytes (`lengthField`, 8 unless the file is
  /// shorter), checked against `limit` and against the `fileSize`.
  private static func headerLength(
    _ lengthField: [UInt8], fileSize: Int, limit: Int, source: String
  ) throws(LatentError) -> Int {
    func fail(_ problem: String) -> LatentError { LatentError(.container, path: source, problem) }
    guard fileSize >= 8, lengthField.count == 8 else {
      throw fail("file is \(fileSize) bytes, too short for the 8-byte header length")
    }
    var declaredLength: UInt64 = 0
    for index in (0..<8).reversed() {
      declaredLength = declaredLength << 8 | UInt64(lengthField[index])
    }
    guard declaredLength <= UInt64(limit) else {
      throw fail("header length \(declaredLength) exceeds the limit of \(limit) bytes")
    }
    let headerLength = Int(declaredLength)
    guard headerLength <= fileSize - 8 else {
      throw fail(
        "header length \(headerLength) is larger than the file "
          + "(\(fileSize - 8) bytes after the length field)")
    }
    return headerLength
  }

  /// Parses and checks the header (`bufferSize` bytes of data follow it): the metadata and
  /// every tensor entry, which must tile the data buffer.
  private static func parseLayout(
    _ headerBytes: [UInt8], bufferSize: Int, source: String
  ) throws(LatentError) -> (metadata: [String: String], entries: [TensorEntry]) {
    func fail(_ problem: String) -> LatentError {
      LatentError(.container, path: source, problem)
    }
    let json = try parseHeader(headerBytes, fail: fail)
    guard case .object(let members) = json else {
      throw fail("header is \(json.kindDescription), not a JSON object")
    }
    var metadata: [String: String] = [:]
    var entries: [TensorEntry] = []
    for name in members.keys.sorted(by: utf8Precedes) {
      guard let value = members[name] else { continue }
      if name == "__metadata__" {
        metadata = try parseMetadata(value, fail: fail)
      } else {
        entries.append(
          try TensorEntry(name: name, json: value, bufferSize: bufferSize, file: source))
      }
    }
    try checkLayout(entries, bufferSize: bufferSize, fail: fail)
    return (metadata, entries)
  }

  /// Converts each entry's bytes of the data buffer `data` to `Float`.
  private static func decode(_ entries: [TensorEntry], data: RawSpan) -> [String: StoredTensor] {
    var tensors: [String: StoredTensor] = [:]
    for entry in entries {
      let slice = data.extracting(entry.begin..<entry.end)
      let values = entry.dtype.decodeLittleEndian(slice, count: entry.elementCount)
      tensors[entry.name] = StoredTensor(shape: entry.shape, values: values, dtype: entry.dtype)
    }
    return tensors
  }

  /// Checks the header's first byte and encoding, then parses it as strict JSON.
  private static func parseHeader(
    _ header: [UInt8], fail: (String) -> LatentError
  ) throws(LatentError) -> HeaderJSON {
    guard header.first == UInt8(ascii: "{") else {
      if header.isEmpty {
        throw fail("header is empty (it must be a JSON object starting with '{')")
      }
      let first =
        header[0] >= 0x20 && header[0] < 0x7F
        ? "'\(Character(Unicode.Scalar(header[0])))'" : "byte \(header[0])"
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
