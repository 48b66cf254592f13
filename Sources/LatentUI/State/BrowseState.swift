import ImageIO

/// Browse mode: stored faces (or dataset images with their reconstructions), a page at a time.
package struct BrowseState: Hashable, Sendable {
  /// The item under the cursor.
  package var selected = 0
  /// First item of the page shown.
  package var first = 0
  /// Decoded faces of the page shown (index → face).
  package var faces: [Int: Image] = [:]
  /// Dataset originals of the page shown.
  package var originals: [Int: Image] = [:]
  /// Codes of dataset items seen so far (index → posterior mean).
  package var codes: [Int: [Float]] = [:]

  package init() {}
}
