import LatentBasics
import SafeTensors
import Testing

/// One malformed file and the words its error message must contain.
struct Defect: CustomTestStringConvertible, Sendable {
  let name: String
  let bytes: [UInt8]
  let keywords: [String]

  var testDescription: String { name }

  /// A defect whose file is `header` (as its own length field says) followed by `data`.
  init(_ name: String, header: String, data: [UInt8] = [], _ keywords: String...) {
    self.name = name
    self.bytes = TestFileBytes.make(header: header, data: data)
    self.keywords = keywords
  }

  /// A defect given as raw bytes.
  init(_ name: String, bytes: [UInt8], _ keywords: String...) {
    self.name = name
    self.bytes = bytes
    self.keywords = keywords
  }
}

/// Every defect the reader must name: each gives its own one-line error, never a crash.
@Suite("Rejecting malformed files")
struct ValidationTests {
  /// `{"t": {...}}` with the given entry body, for one-tensor defects.
  static func single(_ entry: String, name: String = "t") -> String {
    "{\"\(name)\":{\(entry)}}"
  }

  static let containerDefects: [Defect] = [
    Defect("empty file", bytes: [], "0 bytes", "too short"),
    Defect("five bytes", bytes: [1, 0, 0, 0, 0], "5 bytes", "too short"),
    Defect(
      "length beyond file", bytes: TestFileBytes.lengthField(100) + Array("{}".utf8),
      "header length 100", "larger than the file"),
    Defect(
      "length over limit", bytes: TestFileBytes.lengthField(100_000_001) + Array("{}".utf8),
      "100000001", "exceeds the limit"),
    Defect(
      "length 2^63", bytes: TestFileBytes.lengthField(1 << 63) + Array("{}".utf8),
      "exceeds the limit"),
    Defect("empty header", header: "", "header is empty"),
    Defect("array header", header: "[1, 2]", "starts with '['", "not '{'"),
    Defect("leading space", header: " {}", "starts with ' '", "not '{'"),
    Defect(
      "not UTF-8", bytes: TestFileBytes.lengthField(6) + [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x7D],
      "not valid UTF-8"),
    Defect("unterminated JSON", header: "{\"t\":", "bad header JSON", "end of JSON"),
    Defect("text after the object", header: "{} x", "bad header JSON", "after the JSON value"),
    Defect(
      "trailing comma", header: "{\"__metadata__\":{},}", "bad header JSON", "expected a string key"
    ),
    Defect(
      "deep nesting", header: "{\"a\":" + String(repeating: "[", count: 10_000),
      "nested deeper than 64"),
    Defect("duplicate tensor", header: "{\"t\":{},\"t\":{}}", "duplicate key 't'"),
    Defect(
      "duplicate field",
      header: single(#""dtype":"F32","dtype":"F16","shape":[],"data_offsets":[0,4]"#),
      "duplicate key 'dtype'"),
    Defect(
      "duplicate metadata key", header: #"{"__metadata__":{"k":"a","k":"b"}}"#, "duplicate key 'k'"),
    Defect(
      "metadata not object", header: #"{"__metadata__":["k"]}"#, "__metadata__ is an array",
      "not an object"),
    Defect(
      "metadata value not string", header: #"{"__metadata__":{"k":1}}"#, "__metadata__", "'k'",
      "a number, not a string"),
  ]

  static let entryDefects: [Defect] = [
    Defect("entry not object", header: #"{"t":5}"#, "tensor 't'", "a number, not an object"),
    Defect(
      "missing dtype", header: single(#""shape":[],"data_offsets":[0,4]"#), data: [0, 0, 0, 0],
      "tensor 't'", "no 'dtype'"),
    Defect(
      "missing shape", header: single(#""dtype":"F32","data_offsets":[0,4]"#), data: [0, 0, 0, 0],
      "tensor 't'", "no 'shape'"),
    Defect(
      "missing offsets", header: single(#""dtype":"F32","shape":[]"#), data: [0, 0, 0, 0],
      "tensor 't'", "no 'data_offsets'"),
    Defect(
      "dtype not string", header: single(#""dtype":4,"shape":[],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "'dtype' is a number"),
    Defect(
      "shape not array", header: single(#""dtype":"F32","shape":"1","data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "'shape' is a string"),
    Defect(
      "unknown dtype", header: single(#""dtype":"F17","shape":[],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "unknown dtype 'F17'"),
    Defect(
      "lowercase dtype", header: single(#""dtype":"f32","shape":[],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "unknown dtype 'f32'"),
    Defect(
      "BOOL dtype", header: single(#""dtype":"BOOL","shape":[1],"data_offsets":[0,1]"#), data: [1],
      "dtype BOOL", "not supported"),
    Defect(
      "negative dimension", header: single(#""dtype":"F32","shape":[-1],"data_offsets":[0,0]"#),
      "shape entry -1 is negative"),
    Defect(
      "fractional dimension", header: single(#""dtype":"F32","shape":[1.5],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "shape entry 1.5 is not an integer"),
    Defect(
      "exponent dimension", header: single(#""dtype":"F32","shape":[1e0],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "shape entry 1e0 is not an integer"),
    Defect(
      "string dimension", header: single(#""dtype":"F32","shape":["1"],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "shape entry \"1\" is not an integer"),
    Defect(
      "huge dimension",
      header: single(#""dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "shape entry 99999999999999999999 is too large"),
    Defect(
      "element count overflow",
      header: single(#""dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0],
      "shape [4294967296, 4294967296]", "more elements"),
    Defect(
      "byte count overflow",
      header: single(#""dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,8]"#),
      data: [0, 0, 0, 0, 0, 0, 0, 0],
      "more elements"),
    Defect(
      "2^60 elements claimed",
      header: single(#""dtype":"F32","shape":[1152921504606846976],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0],
      "hold 4 bytes", "needs 4611686018427387904"),
    Defect(
      "offsets not array", header: single(#""dtype":"F32","shape":[],"data_offsets":"0,4""#),
      data: [0, 0, 0, 0], "'data_offsets' is a string", "two integers"),
    Defect(
      "one offset", header: single(#""dtype":"F32","shape":[],"data_offsets":[4]"#),
      data: [0, 0, 0, 0], "'data_offsets' has 1 entries", "two integers"),
    Defect(
      "three offsets", header: single(#""dtype":"F32","shape":[],"data_offsets":[0,4,4]"#),
      data: [0, 0, 0, 0], "'data_offsets' has 3 entries", "two integers"),
    Defect(
      "negative begin", header: single(#""dtype":"F32","shape":[],"data_offsets":[-4,0]"#),
      data: [0, 0, 0, 0], "BEGIN -4 is negative"),
    Defect(
      "fractional end", header: single(#""dtype":"F32","shape":[],"data_offsets":[0,4.0]"#),
      data: [0, 0, 0, 0], "END 4.0 is not an integer"),
    Defect(
      "begin after end", header: single(#""dtype":"F32","shape":[],"data_offsets":[8,4]"#),
      data: [0, 0, 0, 0, 0, 0, 0, 0], "[8, 4]", "begin after"),
    Defect(
      "end beyond buffer", header: single(#""dtype":"F32","shape":[2],"data_offsets":[0,8]"#),
      data: [0, 0, 0, 0], "end at byte 8", "beyond the 4-byte data buffer"),
    Defect(
      "too few bytes", header: single(#""dtype":"F32","shape":[2],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "hold 4 bytes", "[2] of F32 needs 8"),
    Defect(
      "too many bytes", header: single(#""dtype":"F16","shape":[1],"data_offsets":[0,4]"#),
      data: [0, 0, 0, 0], "hold 4 bytes", "[1] of F16 needs 2"),
  ]

  static let layoutDefects: [Defect] = [
    Defect(
      "overlap",
      header:
        #"{"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]},"b":{"dtype":"U8","shape":[8],"data_offsets":[4,12]}}"#,
      data: Array(repeating: 0, count: 12), "'a' [0, 8]", "'b' [4, 12]", "overlap"),
    Defect(
      "same range twice",
      header:
        #"{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}"#,
      data: Array(repeating: 0, count: 4), "'a'", "'b'", "overlap"),
    Defect(
      "empty tensor inside another",
      header:
        #"{"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]},"e":{"dtype":"U8","shape":[0],"data_offsets":[4,4]}}"#,
      data: Array(repeating: 0, count: 8), "'a'", "'e'", "overlap"),
    Defect(
      "hole between tensors",
      header:
        #"{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[4],"data_offsets":[8,12]}}"#,
      data: Array(repeating: 0, count: 12), "bytes 4..<8", "belong to no tensor", "hole before 'b'"),
    Defect(
      "hole at the start",
      header: #"{"b":{"dtype":"U8","shape":[4],"data_offsets":[4,8]}}"#,
      data: Array(repeating: 0, count: 8), "bytes 0..<4", "hole before 'b'"),
    Defect(
      "trailing bytes",
      header: #"{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}"#,
      data: Array(repeating: 0, count: 6), "bytes 4..<6", "trailing bytes"),
    Defect("bytes but no tensors", header: "{}", data: [1, 2, 3], "bytes 0..<3", "trailing bytes"),
  ]

  @Test(arguments: containerDefects + entryDefects + layoutDefects)
  func defectIsNamedInAOneLineError(_ defect: Defect) {
    guard let error = TestFileBytes.parseError(defect.bytes, source: "models/bad.safetensors")
    else { return }
    let message = error.description
    #expect(message.hasPrefix("models/bad.safetensors: "), "\(message)")
    #expect(!message.contains("\n"), "\(message)")
    for keyword in defect.keywords {
      #expect(message.contains(keyword), "'\(keyword)' missing from: \(message)")
    }
  }

  @Test func everyDefectGetsItsOwnMessage() {
    let all = Self.containerDefects + Self.entryDefects + Self.layoutDefects
    var messages: Set<String> = []
    for defect in all {
      guard let error = TestFileBytes.parseError(defect.bytes) else { continue }
      messages.insert(error.problem)
    }
    #expect(messages.count == all.count)
  }

  @Test func readingAMissingFileNamesItAndTheReason() {
    let path = "/nonexistent-\(UInt32.random(in: 0...UInt32.max))/model.safetensors"
    #expect {
      _ = try SafeTensorsFile.read(contentsOf: path)
    } throws: { error in
      let message = (error as? LatentError)?.description ?? ""
      return message.hasPrefix(path + ": ") && message.contains("No such file")
    }
  }

  @Test func readingADirectoryIsAnError() {
    #expect {
      _ = try SafeTensorsFile.read(contentsOf: "/tmp")
    } throws: { error in
      (error as? LatentError)?.description.hasPrefix("/tmp: ") == true
    }
  }
}
