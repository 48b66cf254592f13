/// Bounds on what a decoder accepts, so a hostile header cannot make it allocate without limit.
package struct ImageLimits: Hashable, Sendable {
  /// Most pixels (width × height) a decoded image may have; larger headers are refused
  /// before any pixel memory is allocated.
  package var maximumPixels: Int
  /// Largest file, in bytes, that a reader loads into memory.
  package var maximumFileBytes: Int

  /// Limits with the given bounds.
  package init(maximumPixels: Int, maximumFileBytes: Int) {
    self.maximumPixels = maximumPixels
    self.maximumFileBytes = maximumFileBytes
  }

  /// 64 megapixels (an 8000 × 8000 photo; 256 MB as RGBA) and 256 MB files.
  package static let standard = ImageLimits(
    maximumPixels: 64 * 1024 * 1024, maximumFileBytes: 256 * 1024 * 1024)

  /// The problem with a declared `width × height`, or nil when it is within the limits.
  func problem(width: Int, height: Int) -> String? {
    if width <= 0 || height <= 0 { return "image has no pixels (\(width)×\(height))" }
    let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
    if overflow || pixels > maximumPixels {
      return "image is \(width)×\(height), over the limit of \(maximumPixels) pixels"
    }
    return nil
  }
}
