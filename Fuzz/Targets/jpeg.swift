import ImageIO
import LatentBasics

/// JPEG files through `Image.decodeJPEG`, the reader behind `Image.read` (libjpeg-turbo:
/// baseline and progressive, gray and colour, every subsampling; warnings are errors; the
/// pixel limit). A decoded image must survive our writer: written as JPEG and read again, it
/// has the same size and channels.
enum FuzzTarget {
  /// Smaller than `ImageLimits.standard` (64 megapixels), so that a tiny file declaring a huge
  /// image costs milliseconds, not seconds; the same code checks either limit.
  static let limits = ImageLimits(maximumPixels: 1 << 20, maximumFileBytes: 1 << 24)

  static func run(_ bytes: [UInt8]) {
    guard let image = try? Image.decodeJPEG(bytes, path: "fuzz.jpg", limits: limits) else {
      return
    }
    do {
      let again = try Image.decodeJPEG(image.encodeJPEG(), path: "written.jpg", limits: limits)
      guard again.width == image.width, again.height == image.height,
        again.channels == image.channels
      else { fatalError("a decoded JPEG written and read again has another size") }
    } catch {
      fatalError("a decoded JPEG written by encodeJPEG does not read back: \(error)")
    }
  }

  static func writeSeeds(into folder: String) throws(LatentError) {
    for (name, image) in seedImages() {
      try writeSeed(image.encodeJPEG(), named: name + ".jpg", into: folder)
      try writeSeed(image.encodeJPEG(quality: 20), named: name + "-q20.jpg", into: folder)
    }
  }
}
