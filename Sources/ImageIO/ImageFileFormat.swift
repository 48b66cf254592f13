/// The file formats this module reads, recognised by their first bytes rather than their name.
package enum ImageFileFormat: String, Hashable, Sendable, CaseIterable {
  /// Portable Network Graphics.
  case png = "PNG"
  /// JPEG (JFIF or Exif).
  case jpeg = "JPEG"

  /// The format whose signature `bytes` starts with, or nil when it is neither.
  package static func sniff(_ bytes: some Collection<UInt8>) -> ImageFileFormat? {
    let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    if bytes.starts(with: pngSignature) { return .png }
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
    return nil
  }

  /// The format a file name's extension claims (`.png`; `.jpg`, `.jpeg`, `.jpe`), any case.
  package static func claimed(byName path: String) -> ImageFileFormat? {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "png": return .png
    case "jpg", "jpeg", "jpe": return .jpeg
    default: return nil
    }
  }
}
