import LatentBasics
import SafeTensors

/// The small JSON files latent writes beside models and exports (code files, bookmarks) or
/// reads from other commands (`latent encode --json`): parsed strictly, with errors that name
/// the file and what it should have been.
enum SidecarJSON {
  /// `bytes` parsed as JSON; `kind` (`a code file`) says in the error what the file at `path`
  /// should be.
  static func parse(_ bytes: [UInt8], path: String, kind: String) throws(LatentError) -> HeaderJSON
  {
    do {
      return try StrictJSONParser.parse(bytes)
    } catch {
      let problem = error.problem.replacing(" of the header", with: "")
      throw LatentError(.data, path: path, "not \(kind): \(problem)")
    }
  }

  /// The fields of the JSON object in `bytes`, which must carry `"format": format`.
  static func taggedObject(
    _ bytes: [UInt8], path: String, kind: String, format: String
  ) throws(LatentError) -> [String: HeaderJSON] {
    guard case .object(let fields) = try parse(bytes, path: path, kind: kind),
      fields["format"] == .string(format)
    else {
      throw LatentError(.data, path: path, "not \(kind) (no \"format\": \"\(format)\" object)")
    }
    return fields
  }
}
