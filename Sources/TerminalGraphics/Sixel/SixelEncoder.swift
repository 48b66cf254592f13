// Unsafe pointers: a per-pixel kernel of the terminal output, measured (memory spans checked
// every index here and drew half blocks 1.5 times as slowly).
import ImageIO
import LatentBasics

/// Encodes an image as a sixel DCS string that any sixel terminal can draw.
///
/// The palette holds at most ``maxColors`` colours chosen by median cut on sixel's
/// percent grid; an image with no more colours than that on the grid is encoded exactly.
/// The output starts with raster attributes (`"1;1;W;H`, square pixels), draws bands of
/// six rows with run-length encoding (`!n`), and ends with ST and no trailing `-`, so
/// the cursor does not move past the image.
package struct SixelEncoder: Sendable {
  /// Palette size, 1–256 (a terminal's XTSMGRAPHICS reply may lower it).
  package var maxColors: Int
  /// Error diffusion, for photos with more colours than the palette.
  package var dithering: SixelDithering

  /// Pixels from which a large image's work is split in two on the shared ``WorkerPool``.
  static let minimumPixelsToSplit = 128 * 128

  /// An encoder with up to `maxColors` colours.
  package init(maxColors: Int = 256, dithering: SixelDithering = .none) {
    precondition((1...256).contains(maxColors), "sixel palettes hold 1–256 colours")
    self.maxColors = maxColors
    self.dithering = dithering
  }

  /// The sixel bytes (DCS … ST) that draw `image`.
  package func encode(_ image: Image) -> [UInt8] {
    let indexed = quantize(image)
    return SixelWriter.write(
      width: image.width, height: image.height, palette: indexed.palette,
      pixelPaletteIndex: indexed.pixels)
  }

  /// The palette and, for each pixel, its palette index.
  func quantize(_ image: Image) -> (palette: [PercentColor], pixels: [UInt8]) {
    let histogram = ColorHistogram(of: image)
    let palette = MedianCutQuantizer.palette(
      colors: histogram.colors, counts: histogram.counts, maxColors: maxColors)
    if histogram.colors.count <= maxColors {
      // The palette is the histogram itself: every pixel's colour is exact.
      return (palette, histogram.pixelColorIndex.map { UInt8(truncatingIfNeeded: $0) })
    }
    let search = NearestColorSearch(palette: palette)
    switch dithering {
    case .none:
      // Each distinct colour's nearest entry (in two halves at once for a large image),
      // then each pixel's.
      let colors = histogram.colors
      let parts = histogram.pixelColorIndex.count >= Self.minimumPixelsToSplit ? 2 : 1
      let entryOfColor = WorkerPool.shared.map(parts) { part in
        search.nearestEntries(
          of: colors[(colors.count * part / parts)..<(colors.count * (part + 1) / parts)])
      }.flatMap { $0 }
      let pixels = entryOfColor.withUnsafeBufferPointer { entries in
        histogram.pixelColorIndex.map { entries[Int($0)] }
      }
      return (palette, pixels)
    case .floydSteinberg:
      return (palette, FloydSteinberg.diffuse(image, palette: palette, search: search))
    }
  }
}
