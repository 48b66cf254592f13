import FaceVAE
import LatentBasics
import ImageIO
import ArgumentParser
import Glibc

/// Writing what the image commands make: numbered PNG frames, GIFs and folders.
enum ImageOutput {
  /// The file names `prefix001.png` … for `count` frames (at least three digits).
  static func numberedNames(prefix: String, count: Int, extension ext: String = "png") -> [String] {
    let digits = max(3, String(count).count)
    return stride(from: 1, through: count, by: 1).map { number in
      let text = String(number)
      return prefix + String(repeating: "0", count: digits - text.count) + text + "." + ext
    }
  }

  /// Writes `images` as `folder/prefix001.png` …; returns the paths. A failure part-way
  /// leaves no file of them, nor the folder if this created it (``OutputFolder``).
  @discardableResult
  static func writeNumbered(_ images: [Image], folder: String, prefix: String) throws -> [String] {
    try OutputFolder.filling(folder) { output in
      try zip(images, numberedNames(prefix: prefix, count: images.count)).map { image, name in
        let path = output.file(name)
        try image.writePNG(to: path)
        return path
      }
    }
  }

  /// Writes `frames` as an animated GIF at `path`, as `options` ask.
  static func writeGIF(_ frames: [Image], to path: String, options: GIFOptions) throws {
    try GIFAnimation(
      frames: frames, delayCentiseconds: options.delay, loopCount: options.loop,
      dithering: options.dither
    ).write(to: path)
  }

  /// The upscaling factor: `requested`, else enough to make faces about 64 pixels high.
  static func scale(_ requested: Int?, for model: FaceModel) -> Int {
    requested ?? max(1, 64 / max(1, model.config.height))
  }

  /// `captions` when each fits above a cell `cellWidth` pixels wide, else nil (no caption strip):
  /// a caption wider than its cell would reach past the sheet's edge.
  static func columnCaptions(_ captions: [String], cellWidth: Int) -> [String]? {
    captions.allSatisfy { BitmapFont.width(of: $0) <= cellWidth } ? captions : nil
  }

  /// Whether `path` names a PNG file rather than a folder.
  static func isPNG(_ path: String) -> Bool { path.lowercased().hasSuffix(".png") }

  /// Whether `path`'s name ends in an image file's extension (`.png`, `.jpg`, `.gif`, …).
  static func hasImageExtension(_ path: String) -> Bool {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
    return ["png", "jpg", "jpeg", "jpe", "gif"].contains(
      path[path.index(after: dot)...].lowercased())
  }

  /// Refuses `path` as the folder of `option` when its name ends in an image extension
  /// (`--out morph.gif` would otherwise become a folder named `morph.gif`).
  static func checkFolder(_ path: String, option: String) throws {
    guard hasImageExtension(path) else { return }
    throw ValidationError(
      "\(option) \(path): names a folder here (the files go inside it), not an image file; "
        + "give a folder name")
  }

  /// Refuses an `--out` that is neither a `.png` sheet nor a folder name (`x.jpg`: only PNG
  /// sheets are written).
  static func checkFolderOrPNG(_ path: String) throws {
    guard !isPNG(path), hasImageExtension(path) else { return }
    throw ValidationError(
      "--out \(path): sheets are written as PNG only; give a .png file or a folder name")
  }
}
