import LatentBasics
import SafeTensors

/// The strict JSON parser of safetensors headers (RFC 8259 grammar, duplicate keys, lone
/// surrogates, nesting depth, numbers kept as written). What parses is written back as JSON
/// here and must parse to the same value.
enum FuzzTarget {
  static func run(_ bytes: [UInt8]) {
    // The reader checks UTF-8 before the parser sees the header.
    guard String(validating: bytes, as: UTF8.self) != nil,
      let value = try? StrictJSONParser.parse(bytes)
    else { return }
    let written = Array(json(value).utf8)
    do {
      guard try StrictJSONParser.parse(written) == value else {
        fatalError("JSON written from a parsed value reads back as another value")
      }
    } catch {
      fatalError("JSON written from a parsed value does not parse: \(error)")
    }
  }

  /// `value` as compact JSON, every string character outside printable ASCII escaped.
  static func json(_ value: HeaderJSON) -> String {
    switch value {
    case .object(let members):
      "{" + members.map { quoted($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
    case .array(let elements): "[" + elements.map(json).joined(separator: ",") + "]"
    case .string(let text): quoted(text)
    case .number(let literal): literal
    case .bool(let flag): flag ? "true" : "false"
    case .null: "null"
    }
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for unit in text.utf16 {
      switch unit {
      case 0x22: result += "\\\""
      case 0x5C: result += "\\\\"
      case 0x20..<0x7F: result.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      default:
        let hex = String(unit, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return result + "\""
  }

  static func writeSeeds(into folder: String) throws(LatentError) {
    let seeds = [
      "header":
        #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
      "numbers": #"[0,-1,1.5e3,-0.25E-2,123456789012345678901234567890,true,false,null]"#,
      "strings": #"{"a":"\u00e9\ud83d\ude00\n\t\"\\\/","b":"é😀","":""}"#,
      "nested": #"{"x":[[[{"y":[]}]]],"z":{}}"#,
    ]
    for (name, text) in seeds {
      try writeSeed(Array(text.utf8), named: name + ".json", into: folder)
    }
  }
}
