import LatentBasics

/// Lays images out as a contact sheet: a grid of equal cells, an optional border between and
/// around them, and optional caption strips naming the rows (left) and columns (top).
///
/// Used for traversal grids (rows are latent dimensions, columns σ offsets), interpolation
/// strips and original/reconstruction pairs.
package struct ImageGrid: Hashable, Sendable {
  /// Cells per row; images fill the grid row by row.
  package var columns: Int
  /// Border width in pixels between cells and around the grid (0 for none).
  package var border: Int
  /// Colour of the border and of the caption strips.
  package var background: RGBColor
  /// Colour of caption text.
  package var textColor: RGBColor
  /// One caption per row, drawn in a strip left of the grid, or nil for no strip.
  package var rowCaptions: [String]?
  /// One caption per column, drawn in a strip above the grid, or nil for no strip.
  package var columnCaptions: [String]?
  /// Size of a font pixel in image pixels.
  package var captionScale: Int

  /// A grid of `columns` cells per row.
  package init(
    columns: Int, border: Int = 1, background: RGBColor = RGBColor(gray: 24),
    textColor: RGBColor = RGBColor(gray: 235), rowCaptions: [String]? = nil,
    columnCaptions: [String]? = nil, captionScale: Int = 1
  ) {
    precondition(columns > 0 && border >= 0 && captionScale > 0)
    self.columns = columns
    self.border = border
    self.background = background
    self.textColor = textColor
    self.rowCaptions = rowCaptions
    self.columnCaptions = columnCaptions
    self.captionScale = captionScale
  }

  /// The sheet of `images`, row by row. Cells are as large as the largest image; smaller ones
  /// sit in their cell's top-left corner. The sheet is RGB if any image or colour is, else gray.
  package func compose(_ images: [Image]) -> Image {
    let rows = max(1, (images.count + columns - 1) / columns)
    let cellWidth = images.map(\.width).max() ?? 0
    let cellHeight = images.map(\.height).max() ?? 0
    let padding = 2 * captionScale
    let leftStrip =
      rowCaptions.map { captions in
        (captions.map { BitmapFont.width(of: $0, scale: captionScale) }.max() ?? 0) + 2 * padding
      } ?? 0
    let topStrip = columnCaptions == nil ? 0 : BitmapFont.glyphHeight * captionScale + 2 * padding
    let width = leftStrip + columns * cellWidth + (columns + 1) * border
    let height = topStrip + rows * cellHeight + (rows + 1) * border
    let isColor =
      images.contains { $0.channels == 3 }
      || [background, textColor].contains { $0.red != $0.green || $0.green != $0.blue }
    var sheet = Image(
      width: width, height: height, fill: background.components(channels: isColor ? 3 : 1))
    for (index, image) in images.enumerated() {
      let (row, column) = index.quotientAndRemainder(dividingBy: columns)
      sheet.paste(
        image, x: leftStrip + border + column * (cellWidth + border),
        y: topStrip + border + row * (cellHeight + border))
    }
    let textHeight = BitmapFont.glyphHeight * captionScale
    for (row, caption) in (rowCaptions ?? []).prefix(rows).enumerated() {
      let top = topStrip + border + row * (cellHeight + border) + (cellHeight - textHeight) / 2
      let left = leftStrip - padding - BitmapFont.width(of: caption, scale: captionScale)
      sheet.drawText(caption, x: left, y: top, color: textColor, scale: captionScale)
    }
    for (column, caption) in (columnCaptions ?? []).prefix(columns).enumerated() {
      let textWidth = BitmapFont.width(of: caption, scale: captionScale)
      let left = leftStrip + border + column * (cellWidth + border) + (cellWidth - textWidth) / 2
      sheet.drawText(caption, x: left, y: padding, color: textColor, scale: captionScale)
    }
    return sheet
  }

  /// Composes `images` (see ``compose(_:)``) and writes the sheet as a PNG at `path`, atomically.
  package func writePNG(_ images: [Image], to path: String) throws(LatentError) {
    try compose(images).writePNG(to: path)
  }
}
