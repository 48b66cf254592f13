import ImageIO

/// Explore's preview of the selected slider: the face with only that slider at −2σ and at +2σ,
/// decoded in the lowest-priority slot (``DecodeSlot/preview``) so held keys stay fast.
package struct SliderPreview: Hashable, Sendable {
  /// The slider values previewed, σ.
  package static let offsets: [Float] = [-2, 2]

  /// The slider (index into the sliders) and the codes (`[D]` each, σ) of the newest request;
  /// nil when none is pending or shown.
  package var requestedSlider: Int?
  package var requestedCodes: [[Float]] = []
  /// The slider ``images`` show (nil until decoded).
  package var slider: Int?
  /// One face per offset, in the order of ``offsets`` (empty until decoded).
  package var images: [Image] = []

  package init() {}
}
