/// A line of text the user is typing at the bottom of the screen.
package struct Prompt: Hashable, Sendable {
  /// What the text is for.
  package enum Purpose: Hashable, Sendable {
    /// An image file to encode as interpolation end A (true) or B (false).
    case imageFile(start: Bool)
    /// An image file to encode and set the sliders to (Explore's `f`).
    case imageForSliders
    /// An exact value (σ) for the slider of this index, shown with its name (`z12`).
    case sliderValue(Int, name: String)
    /// Whether trained weights overwrite the model file (`y`) or go to a new file beside it
    /// (`n`); a question, not a line of text.
    case keepWeights
    /// A name to save the current code under as a bookmark (`@name`).
    case bookmarkName
    /// A calculator expression over named points (``LatentExpression``).
    case expression
  }

  package var purpose: Purpose
  package var text = ""
  /// What the last Tab found: the names that fit, or that none does; shown on the line under
  /// the prompt until the text changes.
  package var note: String?

  package init(purpose: Purpose) { self.purpose = purpose }

  /// The caption before the text.
  package var caption: String {
    switch purpose {
    case .imageFile(let start): "image file for end \(start ? "A" : "B"): "
    case .imageForSliders: "image file to set the sliders to: "
    case .sliderValue(_, let name): "\(name) = "
    case .keepWeights:
      "overwrite the model file? y yes · n or ⏎ no, write a new file beside it · Esc neither "
    case .bookmarkName: "bookmark name: @"
    case .expression: "= "
    }
  }

  /// Whether the user types a line (a question takes single keys instead).
  package var takesText: Bool {
    switch purpose {
    case .imageFile, .imageForSliders, .sliderValue, .bookmarkName, .expression: true
    case .keepWeights: false
    }
  }

  /// Whether the text is a file path (Tab completes it).
  package var takesPath: Bool {
    switch purpose {
    case .imageFile, .imageForSliders: true
    case .sliderValue, .keepWeights, .bookmarkName, .expression: false
    }
  }
}
