import FaceVAE
import LatentBasics
import ImageIO
import Glibc

/// Writing what the image commands make: numbered PNG frames, GIFs and folders.
enum ImageOutput {
  /// Creates `path` (and its parents) as a folder, or fails naming it.
  static func makeFolder(_ path: String) throws {
    do {
      try POSIXFile.createFolder(path)
    } catch {
      throw CommandFailure(error.description)
    }
  }

  /// `name` inside `folder` (one slash between them).
  static func path(in folder: String, named name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  /// The file names `prefix001.png` … for `count` frames (at least three digits).
  static func numberedNames(prefix: String, count: Int, extension ext: String = "png") -> [String] {
    let digits = max(3, String(count).count)
    return stride(from: 1, through: count, by: 1).map { number in
      let text = String(number)
      return prefix + String(repeating: "0", count: digits - text.count) + text + "." + ext
    }
  }

  /// Writes `images` as `folder/prefix001.png` …; returns the paths.
  @discardableResult
  static func writeNumbered(_ images: [Image], folder: String, prefix: String) throws -> [String] {
    try makeFolder(folder)
    let paths = numberedNames(prefix: prefix, count: images.count).map {
      path(in: folder, named: $0)
    }
    for (image, path) in zip(images, paths) {
      do { try image.writePNG(to: path) } catch { throw CommandFailure("\(error)") }
    }
    return paths
  }

  /// Writes `frames` as an animated GIF at `path`, as `options` ask.
  static func writeGIF(_ frames: [Image], to path: String, options: GIFOptions) throws {
    do {
      try GIFAnimation(
        frames: frames, delayCentiseconds: options.delay, loopCount: options.loop,
        dithering: options.dither
      ).write(to: path)
    } catch {
      throw CommandFailure(error.description)
    }
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
}


