/// How the sixel encoder spreads the error of mapping pixels to the palette.
package enum SixelDithering: Hashable, Sendable {
  /// Every pixel takes its nearest palette entry.
  case none
  /// Floyd–Steinberg error diffusion (on the percent grid, serpentine rows).
  case floydSteinberg
}
