/// How pixels are mapped to the palette of a GIF.
package enum GIFDithering: String, CaseIterable, Hashable, Sendable {
  /// Each pixel takes its nearest palette colour.
  case none
  /// A 4×4 Bayer threshold is added before the nearest colour is taken (no crawling noise
  /// between frames of an animation).
  case ordered
  /// Floyd–Steinberg error diffusion within each frame.
  case floydSteinberg = "floyd-steinberg"
}
