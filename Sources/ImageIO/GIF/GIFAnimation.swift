import LatentBasics

/// An animated GIF: equal-sized frames, one global palette, a delay per frame and a loop count.
package struct GIFAnimation: Sendable {
  /// The frames, all of one size (gray or RGB).
  package var frames: [Image]
  /// Time each frame shows, in hundredths of a second.
  package var delayCentiseconds: Int
  /// How many times the animation plays; 0 repeats forever, 1 plays once (no loop extension).
  package var loopCount: Int
  /// How pixels are mapped to the palette.
  package var dithering: GIFDithering
  /// Palette size, at most 256.
  package var maxColors: Int

  /// An animation of `frames`, shown `delayCentiseconds` each, looping `loopCount` times
  /// (0 = forever).
  package init(
    frames: [Image], delayCentiseconds: Int = 8, loopCount: Int = 0,
    dithering: GIFDithering = .none, maxColors: Int = 256
  ) {
    self.frames = frames
    self.delayCentiseconds = delayCentiseconds
    self.loopCount = loopCount
    self.dithering = dithering
    self.maxColors = maxColors
  }

  /// `frames` followed by the same frames back, without showing either end twice in a row when
  /// the animation loops: `a b c d` → `a b c d c b` (then `a` again).
  package static func thereAndBack<Frame>(_ frames: [Frame]) -> [Frame] {
    frames + frames.dropFirst().dropLast().reversed()
  }

  /// The palette the frames are written with.
  package func palette() -> GIFPalette { GIFPalette(quantizing: frames, maxColors: maxColors) }

  /// The bytes of the GIF file.
  /// - Parameter path: named in the error.
  package func encode(path: String = "<memory>") throws(LatentError) -> [UInt8] {
    guard let first = frames.first, first.width > 0, first.height > 0 else {
      throw LatentError(.image, path: path, "an animated GIF needs at least one non-empty frame")
    }
    if let odd = frames.first(where: { $0.width != first.width || $0.height != first.height }) {
      throw LatentError(
        .image, path: path,
        "frames differ in size (\(first.width)×\(first.height) and \(odd.width)×\(odd.height))")
    }
    guard first.width <= 65535, first.height <= 65535 else {
      throw LatentError(.image, path: path, "GIF frames are at most 65535 pixels wide and high")
    }
    guard (0...65535).contains(delayCentiseconds), (0...65535).contains(loopCount) else {
      throw LatentError(.image, path: path, "delay and loop count must be 0...65535")
    }
    let palette = palette()
    var mapper = PaletteMapper(palette: palette)
    let indexed = frames.map { mapper.indices(of: $0, dithering: dithering) }
    let result = GifLib.encode(
      width: first.width, height: first.height, palette: palette.colors, frames: indexed,
      delayCentiseconds: delayCentiseconds, loopCount: loopCount)
    switch result {
    case .success(let bytes): return bytes
    case .failure(let failure):
      throw LatentError(.image, path: path, "cannot encode GIF: \(failure.problem)")
    }
  }

  /// Writes the GIF to `path` atomically (a temporary file in the same folder, then a rename).
  package func write(to path: String) throws(LatentError) {
    let bytes = try encode(path: path)
    try FileBytes.writeAtomically(bytes, to: path)
  }
}
