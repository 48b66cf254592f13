import LatentBasics
import SafeTensors
import Testing

/// Builds safetensors bytes by hand, independently of the writer under test.
enum TestFileBytes {
  /// The 8-byte little-endian length of `header`, the header's UTF-8, then `data`.
  static func make(header: String, data: [UInt8] = []) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    return lengthField(UInt64(headerBytes.count)) + headerBytes + data
  }

  /// `value` as 8 little-endian bytes, least significant first.
  static func lengthField(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
  }

  /// The error that parsing `bytes` throws, or nil (with a recorded issue) when it parses.
  static func parseError(
    _ bytes: [UInt8], source: String = "bad.safetensors",
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> LatentError? {
    do {
      _ = try SafeTensorsFile.parse(bytes: bytes, source: source)
      Issue.record("expected the file to be rejected", sourceLocation: sourceLocation)
      return nil
    } catch {
      return error
    }
  }
}
