/// A line of text the user is typing at the bottom of the screen.
package struct Prompt: Hashable, Sendable {
  /// What the text is for.
  package enum Purpose: Hashable, Sendable {
    /// An image file to encode as interpolation end A (true) or B (false).
    case imageFile(start: Bool)
  }

  package var purpose: Purpose
  package var text = ""

  package init(purpose: Purpose) { self.purpose = purpose }

  /// The caption before the text.
  package var caption: String {
    switch purpose {
    case .imageFile(let start): "image file for end \(start ? "A" : "B"): "
    }
  }
}
