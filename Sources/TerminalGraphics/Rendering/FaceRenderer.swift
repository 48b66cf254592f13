import ImageIO

/// Draws images in a viewport of cells with one graphics mode: scales the image to fill
/// the viewport at the terminal's real cell shape, then blits or encodes it.
package struct FaceRenderer: Sendable {
  /// The mode to draw with (``GraphicsMode/auto`` is treated as truecolour half blocks).
  package var mode: GraphicsMode
  /// The size of one cell in pixels.
  package var cellSize: CellPixelSize
  /// How the image is resized.
  package var filter: ScalingFilter
  /// Palette size for sixel (from XTSMGRAPHICS).
  package var sixelColors: Int
  /// Ordered dithering for 256-colour cells.
  package var ditherPalette256: Bool
  /// The kitty image and placement this view owns.
  package var kitty: KittyImage

  /// A renderer drawing in `mode` with cells of `cellSize` pixels.
  package init(
    mode: GraphicsMode, cellSize: CellPixelSize = .fallback, filter: ScalingFilter = .bilinear,
    sixelColors: Int = 256, ditherPalette256: Bool = true, kitty: KittyImage = KittyImage()
  ) {
    self.mode = mode
    self.cellSize = cellSize
    self.filter = filter
    self.sixelColors = sixelColors
    self.ditherPalette256 = ditherPalette256
    self.kitty = kitty
  }

  /// A renderer for what the probe found, with `override` applied.
  package init(capabilities: TerminalCapabilities, override: GraphicsMode = .auto) {
    self.init(
      mode: capabilities.choose(override: override).mode, cellSize: capabilities.cellPixelSize,
      sixelColors: capabilities.sixelPaletteSize)
  }

  /// `image` drawn as large as fits in `columns × rows` cells without distortion.
  package func render(_ image: Image, columns: Int, rows: Int) -> RenderedFace {
    precondition(columns > 0 && rows > 0 && image.width > 0 && image.height > 0)
    switch mode {
    case .sixel, .kitty:
      return renderUnscaled(
        fitted(image, columns: columns, rows: rows, subpixels: (cellSize.width, cellSize.height)))
    case .palette256:
      let scaled = fitted(image, columns: columns, rows: rows, subpixels: (1, 2))
      return .cells(
        HalfBlockBlitter.cells(for: scaled, depth: .palette256(dithered: ditherPalette256)))
    case .quadrant:
      let scaled = fitted(image, columns: columns, rows: rows, subpixels: (2, 2))
      return .cells(QuadrantBlitter.cells(for: scaled, depth: .truecolor))
    case .truecolor, .auto:
      let scaled = fitted(image, columns: columns, rows: rows, subpixels: (1, 2))
      return .cells(HalfBlockBlitter.cells(for: scaled, depth: .truecolor))
    case .ascii:
      let scaled = fitted(image, columns: columns, rows: rows, subpixels: (1, 2))
      return .cells(ASCIIBlitter.cells(for: scaled))
    }
  }

  /// `image` at its own pixel size, for a pixel mode (sixel or kitty): no resampling.
  package func renderUnscaled(_ image: Image) -> RenderedFace {
    precondition(mode.drawsPixels && image.width > 0 && image.height > 0)
    let bytes =
      mode == .sixel ? SixelEncoder(maxColors: sixelColors).encode(image) : kitty.draw(image)
    return .pixels(
      bytes: bytes, columns: (image.width + cellSize.width - 1) / cellSize.width,
      rows: (image.height + cellSize.height - 1) / cellSize.height)
  }

  /// `image` scaled to the largest undistorted size in the viewport's sub-pixels.
  private func fitted(
    _ image: Image, columns: Int, rows: Int, subpixels: (x: Int, y: Int)
  ) -> Image {
    let size = ViewportFit.scaledSize(
      imageWidth: image.width, imageHeight: image.height, columns: columns, rows: rows,
      cell: cellSize, subpixelsPerCell: subpixels)
    return ImageScaler.scale(image, width: size.width, height: size.height, filter: filter)
  }
}
