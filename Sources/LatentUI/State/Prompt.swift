/// A line of text the user is typing at the bottom of the screen.
package struct Prompt: Hashable, Sendable {
  /// What the text is for.
  package enum Purpose: Hashable, Sendable {
    /// An image file to encode as interpolation end A (true) or B (false).
    case imageFile(start: Bool)
    /// Whether trained weights overwrite the model file (`y`) or go to a new file beside it
    /// (`n`); a question, not a line of text.
    case keepWeights
  }

  package var purpose: Purpose
  package var text = ""

  package init(purpose: Purpose) { self.purpose = purpose }

  /// The caption before the text.
  package var caption: String {
    switch purpose {
    case .imageFile(let start): "image file for end \(start ? "A" : "B"): "
    case .keepWeights:
      "overwrite the model file? y yes · n or ⏎ no, write a new file beside it · Esc neither "
    }
  }

  /// Whether the user types a line (a question takes single keys instead).
  package var takesText: Bool {
    switch purpose {
    case .imageFile: true
    case .keepWeights: false
    }
  }
}
